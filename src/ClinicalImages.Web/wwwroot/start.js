// Starts the widget's live connection with a reconnection policy for a practice's network. The framework's default
// waits 30 s between attempts after the first minute, so a GP back from a one-minute drop could wait half a minute
// more; here the widget tries every second at first, then every three seconds, for about five minutes — longer than
// the server keeps a disconnected circuit (three minutes), after which the server refuses and the page reloads
// itself from the session (ReconnectModal.razor.js), which is the record.
Blazor.start({
  circuit: {
    reconnectionOptions: {
      maxRetries: 100,
      retryIntervalMilliseconds: attempt => (attempt < 10 ? 1000 : 3000),
    },
  },
});

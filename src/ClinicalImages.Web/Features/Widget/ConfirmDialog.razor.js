// A native modal dialog: the browser traps focus in it and gives it back afterwards.
export function show(dialog, dotnet) {
  if (!dialog.open) dialog.showModal();
  dialog.oncancel = e => { e.preventDefault(); dotnet.invokeMethodAsync('Cancelled'); };
}

export function hide(dialog) {
  if (dialog.open) dialog.close();
}

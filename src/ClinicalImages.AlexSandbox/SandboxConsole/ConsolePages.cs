namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>The HTML side of the console: the launcher (Evolution stand-in) and the Inbox.</summary>
internal static class ConsolePages
{
    public static void MapConsolePages(this IEndpointRouteBuilder sandbox)
    {
        sandbox.MapGet("", LauncherPage.Get);
        sandbox.MapGet("/launch", LauncherPage.Launch);
        sandbox.MapGet("/inbox", InboxPage.Get);
        sandbox.MapConsoleAssets();
    }
}

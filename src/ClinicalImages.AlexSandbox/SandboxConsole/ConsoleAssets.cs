namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>
/// The console's stylesheet and script, served from code: a referenced web project's wwwroot would not
/// reach the host app's static files reliably, and these are too small to need a pipeline.
/// </summary>
internal static class ConsoleAssets
{
    public const string StylePath = "/sandbox/assets/sandbox.css";
    public const string LauncherScriptPath = "/sandbox/assets/launcher.js";
    public const string IconPath = "/sandbox/assets/icon.svg";

    public static void MapConsoleAssets(this IEndpointRouteBuilder sandbox)
    {
        sandbox.MapGet("/assets/sandbox.css", () => Results.Text(Style, "text/css; charset=utf-8"));
        sandbox.MapGet("/assets/launcher.js", () => Results.Text(LauncherScript, "text/javascript; charset=utf-8"));
        sandbox.MapGet("/assets/icon.svg", () => Results.Text(Icon, "image/svg+xml"));
    }

    private const string Style = """
        :root { font-family: system-ui, sans-serif; color: #1d2733; background: #f4f6f8; }
        body { margin: 0; }
        .bar { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1.2rem; background: #124e78; color: #fff; }
        .bar a { color: #fff; margin-left: 1rem; }
        .brand small { opacity: .8; margin-left: .4rem; }
        main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
        .launcher { display: grid; grid-template-columns: max-content minmax(16rem, 32rem); gap: .8rem 1rem; align-items: center; }
        .launcher button { grid-column: 2; justify-self: start; padding: .5rem 1.6rem; font-size: 1rem; background: #124e78; color: #fff; border: 0; border-radius: .3rem; cursor: pointer; }
        select { padding: .35rem; font-size: 1rem; }
        .error { background: #fde8e8; border-left: 4px solid #b42318; padding: .6rem .8rem; }
        section { margin-top: 1.5rem; }
        h2 small { font-weight: normal; color: #52606d; }
        .inbox { width: 100%; border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px rgb(0 0 0 / 10%); font-size: .95rem; }
        .inbox th { text-align: left; background: #dde6ee; padding: .4rem .6rem; font-weight: 600; }
        .inbox td { padding: .45rem .6rem; vertical-align: top; }
        .inbox td small { color: #52606d; }
        .inbox .item td { border-top: 1px solid #c9d4de; }
        .inbox .item .title { overflow-wrap: anywhere; font-weight: 600; }
        .inbox .when, .inbox .kind { white-space: nowrap; }
        .inbox .opened td { padding-top: 0; }
        figure { margin: 0; }
        .pages { display: flex; flex-wrap: wrap; gap: .5rem; }
        .pages img { max-width: 100%; max-height: 9rem; display: block; border: 1px solid #d9e2ec; }
        summary { cursor: pointer; color: #124e78; font-size: .85rem; margin-top: .3rem; }
        .document { display: block; padding: 2rem 1rem; border: 1px dashed #9fb3c8; text-align: center; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; font-size: .85rem; }
        dt { color: #52606d; }
        dd { margin: 0; overflow-wrap: anywhere; }
        """;

    // The stand-in's own mark (not the widget's), so a tab shows at a glance which side of the launch it is.
    private const string Icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#124e78"/><path d="M18 46 32 16l14 30h-7l-7-16-7 16z" fill="#fff"/></svg>
        """;

    private const string LauncherScript = """
        // Shows only the patients and providers the chosen practice knows; the server checks again on launch.
        const facility = document.getElementById("facility");
        const pickers = [document.getElementById("patient"), document.getElementById("provider")];

        function applyFacility() {
          for (const picker of pickers) {
            for (const option of picker.options) {
              if (option.dataset.facilities === undefined) continue;
              const known = option.dataset.facilities.split(" ").includes(facility.value);
              option.hidden = !known;
              option.disabled = !known;
            }
            const current = picker.options[picker.selectedIndex];
            if (!current || current.disabled) {
              const options = Array.from(picker.options);
              const next = options.find(o => !o.disabled && o.dataset.facilities !== undefined) ?? options.find(o => !o.disabled);
              if (next) picker.value = next.value;
            }
          }
        }

        facility.addEventListener("change", applyFacility);
        applyFacility();
        """;
}

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// The host ships no appsettings file. A deployment may mount one JSON file and name it in GATEWAY_CONFIG_FILE;
/// environment variables and the command line still override it, as they would appsettings.json.
/// </summary>
internal static class MountedConfiguration
{
    public const string FileSetting = "GATEWAY_CONFIG_FILE";

    public static ConfigurationManager AddMountedFile(this ConfigurationManager configuration, string[] args)
    {
        var path = configuration[FileSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return configuration;
        }

        configuration.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        return configuration;
    }
}

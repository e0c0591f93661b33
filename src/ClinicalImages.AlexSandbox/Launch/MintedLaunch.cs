namespace ClinicalImages.AlexSandbox.Launch;

/// <summary>A launch as Evolution would open it: the sealed context, its signature and the filled-in widget URL.</summary>
internal sealed record MintedLaunch(string Context, string Signature, string LaunchUrl);

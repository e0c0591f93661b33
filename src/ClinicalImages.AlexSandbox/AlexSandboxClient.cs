namespace ClinicalImages.AlexSandbox;

/// <summary>An app registration the emulated Entra tenant accepts, with the ALEX roles its tokens carry.</summary>
public sealed class AlexSandboxClient
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public IList<string> Roles { get; set; } = [];
}

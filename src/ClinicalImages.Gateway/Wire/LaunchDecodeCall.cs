namespace ClinicalImages.Gateway.Wire;

/// <summary>POST body of a launch decode: in the body, not the URL, so no access log keeps a launch.</summary>
internal sealed record LaunchDecodeCall(string Context, string Signature)
{
    public override string ToString() => "LaunchDecodeCall";
}

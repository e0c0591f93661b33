namespace ClinicalImages.Gateway.Host;

/// <summary>The filing's rendition was refused (missing, empty, too large, or not the announced length), so nothing went to ALEX.</summary>
internal sealed class ContentRefusedException : Exception
{
    public ContentRefusedException()
        : this("The rendition was refused.")
    {
    }

    public ContentRefusedException(string message)
        : base(message)
    {
    }

    public ContentRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

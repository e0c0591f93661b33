namespace ClinicalImages.Gateway.Host;

/// <summary>
/// The rendition was not fetched, so nothing went to ALEX: refused (<see cref="Unavailable"/> false: bad URL, host or
/// length) or the image store did not hand it over. The message names no URL: content URLs carry signatures.
/// </summary>
internal sealed class ContentRefusedException : Exception
{
    public ContentRefusedException(string message, bool unavailable = false, Exception? inner = null)
        : base(message, inner) => Unavailable = unavailable;

    public ContentRefusedException()
        : this("The rendition was refused.")
    {
    }

    public ContentRefusedException(string message)
        : this(message, unavailable: false)
    {
    }

    public ContentRefusedException(string message, Exception inner)
        : this(message, unavailable: false, inner)
    {
    }

    public bool Unavailable { get; }
}

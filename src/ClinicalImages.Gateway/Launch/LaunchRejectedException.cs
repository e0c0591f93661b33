namespace ClinicalImages.Gateway;

public enum LaunchRejection
{
    /// <summary>ALEX could not decode it: forged, tampered or garbled.</summary>
    Invalid,

    /// <summary>Older than the allowed launch age.</summary>
    Stale,

    /// <summary>This launch was used already.</summary>
    Replayed,
}

/// <summary>A launch we will not turn into a session.</summary>
public sealed class LaunchRejectedException : Exception
{
    public LaunchRejectedException(LaunchRejection reason, Exception? inner = null)
        : base(MessageFor(reason), inner) => Reason = reason;

    public LaunchRejectedException()
        : this(LaunchRejection.Invalid)
    {
    }

    public LaunchRejectedException(string message)
        : base(message) => Reason = LaunchRejection.Invalid;

    public LaunchRejectedException(string message, Exception inner)
        : base(message, inner) => Reason = LaunchRejection.Invalid;

    public LaunchRejection Reason { get; }

    public static string MessageFor(LaunchRejection reason) => reason switch
    {
        LaunchRejection.Stale => "This launch link has expired. Click the Clinical Images icon in Medtech again.",
        LaunchRejection.Replayed => "This launch link was used already. Click the Clinical Images icon in Medtech again to open a new window.",
        _ => "This launch link is not valid. Open Clinical Images from the Medtech toolbar, not from a saved link or bookmark.",
    };
}

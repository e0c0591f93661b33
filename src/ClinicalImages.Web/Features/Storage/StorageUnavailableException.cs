using System.Net.Sockets;
using Amazon.Runtime;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// The image store could not be reached, or failed on its side (a 5xx): a passing condition, answered with 503 and
/// Retry-After so the phone and the widget try again. A refusal that will not change (403, 404) is not one of these.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : base("Photo storage is unavailable.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StorageUnavailableException(Exception inner)
        : base("Photo storage is unavailable.", inner)
    {
    }

    /// <summary>A connection that failed, or a server error; never a cancellation the caller asked for.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        AmazonServiceException e when (int)e.StatusCode >= 500 => true,
        AmazonServiceException { InnerException: { } inner } => IsOutage(inner),
        AmazonClientException { InnerException: { } inner } => IsOutage(inner),
        HttpRequestException or SocketException or IOException => true,
        _ => false,
    };
}

using System.Buffers;

namespace ClinicalImages.Gateway;

/// <summary>One image to file, with everything the FHIR resource needs. The image id is the resource identifier.</summary>
public sealed record FilingRequest(
    string FacilityId,
    string PatientId,
    string PatientNhi,
    string ProviderId,
    string ImageId,
    ReadOnlyMemory<byte> Content,
    string ContentType,
    string Title,
    DateTimeOffset TakenAt)
{
    /// <summary>
    /// The title without its file extension: the words the Inbox shows as the item's description
    /// ("Photo — left forearm — wound — 3 Dec 2026"); the attachment's title keeps the extension Medtech opens it by.
    /// </summary>
    public string Description => Title[..^ExtensionOf(Title).Length].TrimEnd();

    /// <summary>A file name's extension (".tif", ".jpg"), or empty: a dot in the words ("Lesion A. Left") is not one.</summary>
    internal static string ExtensionOf(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var dot = title.LastIndexOf('.');
        return dot < 0 || title.Length - dot is < 3 or > 5 || title.AsSpan(dot + 1).ContainsAnyExcept(Letters) ? string.Empty : title[dot..];
    }

    public override string ToString() => $"FilingRequest(image {ImageId}, {Content.Length} bytes)";

    private static readonly SearchValues<char> Letters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
}

/// <summary>Medtech's reference for a filed image. <see cref="Reconciled"/>: found by search after an unclear outcome.</summary>
public sealed record FilingReceipt(string ResourceType, string ResourceId, string? VersionId, string IdentifierValue, DateTimeOffset FiledAt, bool Reconciled);

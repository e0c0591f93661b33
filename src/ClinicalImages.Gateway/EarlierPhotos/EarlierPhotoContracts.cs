namespace ClinicalImages.Gateway;

/// <summary>Whether ALEX let us read the patient's earlier photos. Anything but <see cref="Available"/> carries a sentence.</summary>
public enum EarlierPhotosAvailability
{
    Available,

    /// <summary>403: the read role is missing, or ALEX does not take the search shape.</summary>
    NotPermitted,

    /// <summary>503 practice computer asleep, timeouts, 5xx: worth trying again later.</summary>
    Unavailable,

    /// <summary>The photo is not in Medtech, is not this patient's, or has no picture we can show.</summary>
    NotFound,
}

/// <summary>
/// One page of the patient's earlier photos. The search is by NHI (the shape ALEX answers); the patient id is the
/// one at this facility and every result must name it as its subject. Patient data: never logged.
/// </summary>
public sealed record EarlierPhotosQuery(string FacilityId, string PatientId, string PatientNhi, int Offset, int Limit)
{
    /// <summary>The most a page holds.</summary>
    public const int MaxLimit = 50;

    public override string ToString() => $"EarlierPhotosQuery(offset {Offset}, limit {Limit})";
}

/// <summary>
/// An earlier photo in Medtech: a Scan DocumentReference (LOINC 72170-4) or a Media image. No bytes: those are read
/// only when the photo is shown. <see cref="Reference"/> is "DocumentReference/{id}" or "Media/{id}".
/// </summary>
public sealed record EarlierPhoto(string Reference, string Kind, DateTimeOffset? Date, string? Title, string? Author, string? ContentType, bool FiledByUs)
{
    public override string ToString() => $"EarlierPhoto({Reference})";
}

/// <summary>The patient's earlier photos, newest first. <see cref="Message"/>: why the list is empty or incomplete.</summary>
public sealed record EarlierPhotoList(
    EarlierPhotosAvailability Availability, IReadOnlyList<EarlierPhoto> Items, int Total, int? NextOffset, string? Message)
{
    public static EarlierPhotoList Refused(EarlierPhotosAvailability availability, string message) => new(availability, [], 0, null, message);
}

/// <summary>The picture of one earlier photo, asked for by the patient it must belong to (at this facility).</summary>
public sealed record EarlierPhotoRequest(string FacilityId, string PatientId, string Reference)
{
    public override string ToString() => $"EarlierPhotoRequest({Reference})";
}

/// <summary>The bytes of one earlier photo as ALEX holds them (a TIFF, a JPEG…), or why there are none.</summary>
public sealed record EarlierPhotoContent(EarlierPhotosAvailability Availability, byte[]? Data, string? ContentType, string? Message)
{
    public static EarlierPhotoContent Refused(EarlierPhotosAvailability availability, string message) => new(availability, null, null, message);

    public override string ToString() => $"EarlierPhotoContent({Availability}, {Data?.Length ?? 0} bytes)";
}

/// <summary>The sentences the widget shows for earlier photos: calm, and clear that capture and filing still work.</summary>
public static class EarlierPhotoMessages
{
    public const string NotPermitted = "Medtech did not let us read earlier photos for this practice. Taking and saving photos works as usual.";
    public const string Unavailable = "Earlier photos could not be read from Medtech just now (the practice computer may be asleep). Taking and saving photos works as usual; try again in a minute.";
    public const string NotFound = "This earlier photo is no longer in Medtech, or it is not this patient's.";
    public const string NoPicture = "This earlier photo has no picture Clinical Images can show; open it in Medtech.";
    public const string None = "No earlier photos of this patient in Medtech.";

    public static string Partial(string kind) =>
        $"Some earlier photos may be missing: Medtech did not let us read its {kind} for this practice.";
}

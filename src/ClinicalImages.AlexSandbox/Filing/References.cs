using System.Text.RegularExpressions;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>Pulls resource ids out of the references a posted resource carries.</summary>
internal static partial class References
{
    /// <summary>The patient id of an absolute "…/fhir/Patient/{id}" reference ("fhir" in any case), else null.</summary>
    public static string? AbsolutePatientId(string? reference)
    {
        var match = reference is null ? null : AbsolutePatient().Match(reference);
        return match is { Success: true } ? match.Groups["id"].Value : null;
    }

    /// <summary>The id of a "Patient/{id}" reference, relative or absolute, else null.</summary>
    public static string? PatientId(string? reference) => Id(reference, AnyPatient());

    /// <summary>The id of a "Practitioner/{id}" reference, relative or absolute, else null.</summary>
    public static string? PractitionerId(string? reference) => Id(reference, AnyPractitioner());

    private static string? Id(string? reference, Regex pattern)
    {
        var match = reference is null ? null : pattern.Match(reference);
        return match is { Success: true } ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"^https?://[^/\s]+(/[^\s]*)?/(?i:fhir)/Patient/(?<id>[A-Za-z0-9\-.]{1,64})$")]
    private static partial Regex AbsolutePatient();

    [GeneratedRegex(@"(^|/)Patient/(?<id>[A-Za-z0-9\-.]{1,64})$")]
    private static partial Regex AnyPatient();

    [GeneratedRegex(@"(^|/)Practitioner/(?<id>[A-Za-z0-9\-.]{1,64})$")]
    private static partial Regex AnyPractitioner();
}

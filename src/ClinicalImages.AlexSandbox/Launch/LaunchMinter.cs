using System.Globalization;
using ClinicalImages.AlexSandbox.Seed;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox.Launch;

/// <summary>Plays Medtech Evolution opening an ALEX App: checks who is launching and seals the context.</summary>
internal sealed class LaunchMinter(LaunchCodec codec, SandboxDirectory directory, TimeProvider time, IOptions<AlexSandboxOptions> options)
{
    private static readonly TimeZoneInfo NewZealand = FindNewZealand();

    /// <summary>The launch, or a sentence saying which input is wrong.</summary>
    public (MintedLaunch? Launch, string? Problem) Mint(string? facilityId, string? nhi, string? providerId, DateTimeOffset? createdTime)
    {
        var facility = directory.FindFacility(facilityId);
        if (facility is null)
        {
            return (null, $"Facility '{facilityId}' is not one of the sandbox facilities ({string.Join(", ", directory.Facilities.Select(f => f.Id))}).");
        }

        SeedPatient? patient = null;
        if (!string.IsNullOrWhiteSpace(nhi))
        {
            patient = directory.FindPatientByNhi(facility, nhi);
            if (patient is null)
            {
                return (null, $"No patient with that NHI is registered at {facility.Name} ({facility.Id}); choose one of its patients, or no patient.");
            }
        }

        var practitioner = directory.FindPractitioner(facility, providerId);
        if (practitioner is null)
        {
            return (null, $"Provider '{providerId}' does not work at {facility.Name} ({facility.Id}); choose one of its providers.");
        }

        // Evolution runs on the practice's clock, so the launch time carries the New Zealand offset.
        var created = TimeZoneInfo.ConvertTime(createdTime ?? time.GetUtcNow(), NewZealand);
        var payload = new LaunchPayload(
            patient is null ? null : SandboxDirectory.PatientId(patient, facility),
            facility.Id,
            practitioner.Id,
            created.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        var (context, signature) = codec.Encode(payload);
        var url = options.Value.LaunchUrlTemplate
            .Replace("{context}", Uri.EscapeDataString(context), StringComparison.Ordinal)
            .Replace("{signature}", Uri.EscapeDataString(signature), StringComparison.Ordinal);
        return (new MintedLaunch(context, signature, url), null);
    }

    private static TimeZoneInfo FindNewZealand() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Pacific/Auckland", out var zone) ? zone : TimeZoneInfo.Utc;
}

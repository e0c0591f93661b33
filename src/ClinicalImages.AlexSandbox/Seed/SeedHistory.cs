namespace ClinicalImages.AlexSandbox.Seed;

/// <summary>Who put an earlier photo into Medtech: Clinical Images, another app, or the practice's own scanner.</summary>
internal enum SeedFiler
{
    ClinicalImages,
    OtherApp,
    PracticeScanner,
}

/// <summary>One photo already in a patient's record before the sandbox started: a Scan document (1 to 3 pages) or a Media image.</summary>
internal sealed record SeedFiling(
    string FacilityId, string Nhi, string ResourceType, int DaysAgo, string Title, string PractitionerId, int Pages, SeedFiler Filer);

/// <summary>
/// Earlier photos of some test patients, over the past months: ZAB0348 has twenty at Healthier Care (the benchmark's
/// patient), ZRT5604 a few at each of its two practices (so each facility's patient id finds only its own). Everyone
/// else has none, so searches for them come back empty, as before.
/// </summary>
internal static class SeedHistory
{
    public const string OtherAppSystem = "https://example.org/woundcare-app/photo-id";
    public const string OurSystem = "https://clinicalimages.nz/ns/image-id";

    private const string Whitfield = "3493a182b0aa75e64168246aea4793fd";
    private const string Kingi = "c1cd0657aab7b1d0fb16b1995ced1e22";
    private const string Raman = "10080563fd74ceac64fdcfca0cd3b870";

    private static readonly string[] Sites = ["Left shin wound", "Right forearm lesion", "Sacral pressure area", "Left heel ulcer"];

    public static readonly IReadOnlyList<SeedFiling> Filings =
    [
        .. Enumerable.Range(0, 20).Select(i => new SeedFiling(
            SeedData.HealthierCare, "ZAB0348", i % 3 == 1 ? "Media" : "DocumentReference", 7 + (i * 14),
            $"{Sites[i % Sites.Length]} — {(i % 2 == 0 ? "overview" : "close-up")}", i % 2 == 0 ? Whitfield : Kingi,
            i % 3 == 1 ? 1 : 1 + (i % 3), (SeedFiler)(i % 3))),
        new(SeedData.HealthierCare, "ZRT5604", "DocumentReference", 9, "Right forearm lesion — series", Whitfield, 3, SeedFiler.ClinicalImages),
        new(SeedData.HealthierCare, "ZRT5604", "Media", 40, "Right forearm lesion", Kingi, 1, SeedFiler.OtherApp),
        new(SeedData.HealthierCare, "ZRT5604", "DocumentReference", 95, "Right forearm — scanned referral photo", Kingi, 1, SeedFiler.PracticeScanner),
        new(SeedData.HealthierCare, "ZRT5604", "Media", 160, "Right forearm lesion — first visit", Whitfield, 1, SeedFiler.ClinicalImages),
        new(SeedData.KowhaiMedical, "ZRT5604", "Media", 21, "Left knee graze", Raman, 1, SeedFiler.OtherApp),
        new(SeedData.KowhaiMedical, "ZRT5604", "DocumentReference", 70, "Left knee — two views", Raman, 2, SeedFiler.ClinicalImages),
    ];
}

namespace ClinicalImages.AlexSandbox.Seed;

/// <summary>
/// The practices, patients and clinicians the sandbox knows. F2N060-E and ZZZ0016 with its patient id are
/// the real UAT test values; everything else is invented. NHIs start with Z (reserved for testing) and
/// carry correct check characters; HPI person ids only have the CPN shape.
/// </summary>
internal static class SeedData
{
    public const string HealthierCare = "F2N060-E";
    public const string KowhaiMedical = "F99669-C";

    public static readonly IReadOnlyList<SeedFacility> Facilities =
    [
        new(HealthierCare, "Healthier Care", "G99999-J", "b25ff740f699eaf17483cd35823e82b8", "Medtech Evolution"),
        new(KowhaiMedical, "Kōwhai Medical Centre", "G99998-K", "d2f949972899ef2b7885b2c05316061a", "Medtech Evolution"),
    ];

    public static readonly IReadOnlyList<SeedPatient> Patients =
    [
        Patient("ZZZ0016", "Ngata", ["Aroha"], new(1984, 3, 12), "female",
            (HealthierCare, "14e52e16edb7a435bfa05e307afd008b"), (KowhaiMedical, "1736ba4a9a9a93d666b3738ce03601fa")),
        Patient("ZZZ0024", "Whitaker", ["James"], new(1957, 11, 2), "male",
            (HealthierCare, "7aacd751911f29b85779ec6817d91362")),
        Patient("ZZZ0032", "Taufa", ["Mele"], new(2012, 6, 30), "female",
            (HealthierCare, "c787d2cdd68c6d7368add3d9ef16d905"), (KowhaiMedical, "933f68e0b32c8ba65b197ab22775db50")),
        Patient("ZAB0348", "O'Connor", ["Grace"], new(1938, 1, 19), "female",
            (HealthierCare, "2591ae6c52ba1de4682a7dbfd650fd9d")),
        Patient("ZMW2174", "Te Awa", ["Wiremu"], new(1991, 9, 5), "male",
            (KowhaiMedical, "67c64df76c33b1fe9e9047f716480233")),
        Patient("ZRT5604", "Chen", ["Li", "Wei"], new(1975, 4, 22), "male",
            (HealthierCare, "61662c3860f37a10ed42a50b95fba42a"), (KowhaiMedical, "8aed51935479cd3ac9a9234d9726960a")),
        Patient("ZKM15TS", "Müller-Brown", ["Sophie"], new(2001, 12, 25), "female",
            (KowhaiMedical, "317a0304e1d5bd349480ca95df32b9d3")),
    ];

    public static readonly IReadOnlyList<SeedPractitioner> Practitioners =
    [
        new("3493a182b0aa75e64168246aea4793fd", "99ZWHA", "Dr", "Anna", "Whitfield", [HealthierCare, KowhaiMedical]),
        new("c1cd0657aab7b1d0fb16b1995ced1e22", "99ZKRB", "Dr", "Rawiri", "Kingi", [HealthierCare]),
        new("10080563fd74ceac64fdcfca0cd3b870", "99ZRPC", "Dr", "Priya", "Raman", [KowhaiMedical]),
    ];

    private static SeedPatient Patient(
        string nhi, string family, string[] given, DateOnly birthDate, string gender, params (string Facility, string Id)[] ids) =>
        new(nhi, family, given, birthDate, gender, ids.ToDictionary(x => x.Facility, x => x.Id, StringComparer.OrdinalIgnoreCase));
}

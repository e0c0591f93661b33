namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>The sandbox's seed values the tests lean on.</summary>
internal static class Seeds
{
    public const string TenantId = "8a024e99-aba3-4b25-b875-28b0c0ca6096";
    public const string TokenPath = $"/{TenantId}/oauth2/v2.0/token";
    public const string Scope = "api://alex-sandbox/.default";
    public const string SandboxClient = "clinical-images-sandbox";
    public const string NoScanClient = "clinical-images-no-scan";
    public const string Secret = "sandbox-secret-not-for-production";

    public const string HealthierCare = "F2N060-E";
    public const string Kowhai = "F99669-C";

    public const string NhiSystem = "https://standards.digital.health.nz/ns/nhi-id";
    public const string TestNhi = "ZZZ0016";
    public const string TestNhiAtHealthierCare = "14e52e16edb7a435bfa05e307afd008b";
    public const string TestNhiAtKowhai = "1736ba4a9a9a93d666b3738ce03601fa";

    /// <summary>Registered only at Healthier Care.</summary>
    public const string WhitakerNhi = "ZZZ0024";
    public const string WhitakerAtHealthierCare = "7aacd751911f29b85779ec6817d91362";

    /// <summary>Works at both facilities.</summary>
    public const string DrWhitfield = "3493a182b0aa75e64168246aea4793fd";

    /// <summary>Works only at Kōwhai.</summary>
    public const string DrRaman = "10080563fd74ceac64fdcfca0cd3b870";

    public static string NhiQuery(string nhi) => Uri.EscapeDataString($"{NhiSystem}|{nhi}");
}

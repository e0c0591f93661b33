namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Reads a token search value such as "https://standards.digital.health.nz/ns/nhi-id|ZZZ0016".</summary>
internal static class NhiSearchValue
{
    /// <summary>The NHI the value names, or null when it names another identifier system.</summary>
    public static string? Parse(string? value) => ParseToken(value, NzSystems.Nhi);

    public static string? ParseToken(string? value, string system)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return value.Trim();
        }

        var valueSystem = value[..bar];
        return valueSystem.Length == 0 || valueSystem == system ? value[(bar + 1)..].Trim() : null;
    }
}

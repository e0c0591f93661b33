namespace ClinicalImages.AlexSandbox.Seed;

/// <summary>
/// The NHI validation routine of HISO 10046: old format AAANNNC (mod-11 check digit) and new format
/// AAANNAC (mod-24 check letter). Letters exclude I and O and count A=1 … Z=24.
/// </summary>
internal static class Nhi
{
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 7)
        {
            return false;
        }

        var nhi = value.ToUpperInvariant();
        if (!IsLetter(nhi[0]) || !IsLetter(nhi[1]) || !IsLetter(nhi[2]) || !char.IsAsciiDigit(nhi[3]) || !char.IsAsciiDigit(nhi[4]))
        {
            return false;
        }

        if (char.IsAsciiDigit(nhi[5]) && char.IsAsciiDigit(nhi[6]))
        {
            return OldFormatCheckDigit(nhi) is { } digit && nhi[6] - '0' == digit;
        }

        return IsLetter(nhi[5]) && IsLetter(nhi[6]) && NewFormatCheckLetter(nhi) == nhi[6];
    }

    /// <summary>The check digit for the first six characters of an old-format NHI, or null when none exists.</summary>
    public static int? OldFormatCheckDigit(string nhi)
    {
        var remainder = WeightedSum(nhi) % 11;
        return remainder == 0 ? null : (11 - remainder) % 10;
    }

    public static char NewFormatCheckLetter(string nhi) => Letters[24 - (WeightedSum(nhi) % 24) - 1];

    private static int WeightedSum(string nhi)
    {
        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += Value(nhi[i]) * (7 - i);
        }

        return sum;
    }

    private static int Value(char c) => char.IsAsciiDigit(c) ? c - '0' : Letters.IndexOf(c, StringComparison.Ordinal) + 1;

    private static bool IsLetter(char c) => Letters.Contains(c, StringComparison.Ordinal);
}

using ClinicalImages.AlexSandbox.Seed;

namespace ClinicalImages.UnitTests.Sandbox;

public sealed class NhiTests
{
    [Theory]
    [InlineData("ZZZ0016")]
    [InlineData("ZZZ0024")]
    [InlineData("zzz0016")]
    [InlineData("JBX3656")]
    [InlineData("ZAC5361")]
    [InlineData("ZZZ00AX")]
    [InlineData("ZVU27KZ")]
    [InlineData("ZKM15TS")]
    public void IsValid_ForCorrectCheckCharacter_ReturnsTrue(string nhi) => Assert.True(Nhi.IsValid(nhi));

    [Theory]
    [InlineData("ZZZ0017")]
    [InlineData("ZZZ0044")]
    [InlineData("ZZZ00AA")]
    [InlineData("ZVU27KA")]
    [InlineData("ZIZ0016")]
    [InlineData("ZZZ001")]
    [InlineData("ZZZ00166")]
    [InlineData("1ZZ0016")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_ForWrongCheckCharacterOrShape_ReturnsFalse(string? nhi) => Assert.False(Nhi.IsValid(nhi));

    [Fact]
    public void IsValid_OldFormatWhoseChecksumIsZero_HasNoValidCheckDigit()
    {
        Assert.Null(Nhi.OldFormatCheckDigit("ZZZ004"));
        Assert.All(Enumerable.Range(0, 10), digit => Assert.False(Nhi.IsValid($"ZZZ004{digit}")));
    }

    [Fact]
    public void SeedPatients_AllCarryValidTestNhis()
    {
        Assert.All(SeedData.Patients, p => Assert.True(Nhi.IsValid(p.Nhi) && p.Nhi.StartsWith('Z'), p.Nhi));
        Assert.Contains(SeedData.Patients, p => p.Nhi == "ZZZ0016");
    }
}

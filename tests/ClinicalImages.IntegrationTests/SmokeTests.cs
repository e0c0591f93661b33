namespace ClinicalImages.IntegrationTests;

public sealed class SmokeTests
{
    [Fact]
    public void Options_SectionName_IsAlex() => Assert.Equal("Alex", Gateway.AlexOptions.SectionName);
}

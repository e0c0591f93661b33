using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Launch;

namespace ClinicalImages.UnitTests.Gateway;

public sealed class LaunchDecoderTests
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    [Fact]
    public void Parse_WithOffset_KeepsTheMoment()
    {
        var launch = LaunchDecoder.Parse(
            """{"patientId":"14e52e16edb7a435bfa05e307afd008b","facilityCode":"F2N060-E","providerId":"pr1","createdTime":"2026-11-26T09:41:00+13:00"}""",
            Auckland);

        Assert.Equal("14e52e16edb7a435bfa05e307afd008b", launch.PatientId);
        Assert.Equal("F2N060-E", launch.FacilityId);
        Assert.Equal("pr1", launch.ProviderId);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 20, 41, 0, TimeSpan.Zero), launch.CreatedTime.ToUniversalTime());
    }

    [Fact]
    public void Parse_WithoutOffset_ReadsPracticeTime()
    {
        var launch = LaunchDecoder.Parse("""{"patientId":null,"facilityCode":"F2N060-E","providerId":"pr1","createdTime":"2026-06-15T10:00:00"}""", Auckland);

        Assert.Null(launch.PatientId);
        Assert.Equal(TimeSpan.FromHours(12), launch.CreatedTime.Offset);
    }

    [Theory]
    [InlineData("""{"facilityCode":"F2N060-E","createdTime":"2026-06-15T10:00:00Z"}""")]
    [InlineData("not json")]
    [InlineData("""{"patientId":"x","facilityCode":"F2N060-E","providerId":"pr1","createdTime":"yesterday"}""")]
    public void Parse_Incomplete_IsRejectedAsInvalid(string json)
    {
        var error = Assert.Throws<LaunchRejectedException>(() => LaunchDecoder.Parse(json, Auckland));

        Assert.Equal(LaunchRejection.Invalid, error.Reason);
    }
}

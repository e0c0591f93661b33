using ClinicalImages.AlexSandbox.Seed;
using ClinicalImages.AlexSandbox.Tokens;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Who is calling and for which practice, as established by <see cref="AlexAccessFilter"/>.</summary>
internal sealed record AlexCaller(IssuedToken Token, SeedFacility? Facility)
{
    public static AlexCaller From(HttpContext http) =>
        http.Features.Get<AlexCaller>() ?? throw new InvalidOperationException("The endpoint is not behind AlexAccessFilter.");

    public static SeedFacility FacilityOf(HttpContext http) =>
        From(http).Facility ?? throw new InvalidOperationException("The endpoint does not require a facility.");
}

namespace ClinicalImages.Web.Features.UnclearFilings;

internal static class UnclearFilingsSetup
{
    public static IServiceCollection AddUnclearFilings(this IServiceCollection services) => services.AddSingleton<UnclearFiling>();
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalImages.TestHost;

/// <summary>
/// The product on a clock the test moves (session expiry, QR code lifetime, token lifetime). Not sealed: a fixture that
/// needs other settings on the same clock (another storage provider) derives from it.
/// </summary>
public class ClockedProductFactory : ProductFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

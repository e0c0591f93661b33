using ClinicalImages.Web.Features.Events;

namespace ClinicalImages.UnitTests.Events;

public sealed class CircuitReconnectsTests
{
    [Fact]
    public async Task ConnectionUp_AfterADrop_AsksTheWidgetToResyncOnce()
    {
        var reconnects = new CircuitReconnects();
        var resyncs = 0;
        reconnects.Reconnected += () => { resyncs++; return Task.CompletedTask; };

        await reconnects.OnConnectionUpAsync(null!, CancellationToken.None);
        await reconnects.OnConnectionDownAsync(null!, CancellationToken.None);
        await reconnects.OnConnectionUpAsync(null!, CancellationToken.None);
        await reconnects.OnConnectionUpAsync(null!, CancellationToken.None);

        Assert.Equal(1, resyncs);
    }
}

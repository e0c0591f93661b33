using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ClinicalImages.UnitTests.Hosting;

/// <summary>
/// Scripts run from this origin, or inline only with the response's own nonce (the import map); the pages' base
/// address may be this origin only.
/// </summary>
public sealed class ContentSecurityPolicyScriptTests
{
    [Fact]
    public void Policy_AllowsOwnScriptsAndTheNonce_NeverInlineOrEval_AndBaseOnlyToThisOrigin()
    {
        var policy = SecurityHeaders.Policy(new SecurityOptions(), new StorageOptions(), "abc123+/==");
        var directives = policy.Split("; ").ToDictionary(d => d.Split(' ')[0], d => d);

        Assert.Equal("script-src 'self' 'nonce-abc123+/=='", directives["script-src"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", directives["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("script-src-elem", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonce_Is128RandomBits_DifferentEveryTime()
    {
        var nonces = Enumerable.Range(0, 200).Select(_ => new CspNonce().Value).ToList();

        Assert.All(nonces, n => Assert.Equal(16, Convert.FromHexString(n).Length));
        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Middleware_PutsTheRequestsOwnNonceInTheHeader_AndAnotherRequestGetsAnother()
    {
        var first = await HeaderForAsync(new CspNonce());
        var second = await HeaderForAsync(new CspNonce());

        Assert.Contains($"'nonce-{first.Nonce}'", first.Policy, StringComparison.Ordinal);
        Assert.Contains($"'nonce-{second.Nonce}'", second.Policy, StringComparison.Ordinal);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.DoesNotContain(first.Nonce, second.Policy, StringComparison.Ordinal);
    }

    private static async Task<(string Nonce, string Policy)> HeaderForAsync(CspNonce nonce)
    {
        var response = new StartingResponse();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(response);
        var headers = new SecurityHeaders(_ => Task.CompletedTask, Options.Create(new SecurityOptions()), Options.Create(new StorageOptions()));

        await headers.InvokeAsync(context, nonce);
        await response.StartAsync();

        return (nonce.Value, context.Response.Headers.ContentSecurityPolicy.ToString());
    }

    /// <summary>A response that runs its OnStarting callbacks when told, as the server does before the first byte.</summary>
    private sealed class StartingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in _starting)
            {
                await callback(state);
            }
        }
    }
}

using System.Text.RegularExpressions;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The oracle can fail: problems planted in a clean page (a console error and warning, a 404, an uncaught exception,
/// an inline script the policy refuses, an aborted request) are each reported, and a declared one only is let pass.
/// Each plant is watched by an oracle of its own, so the test's verdict is about the plants, not the test's page.
/// </summary>
public sealed partial class PageOracleTests(ProductFactory product, BrowserFixture browser) : IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PlantedProblems_AreEachReported_AndFailTheVerdict()
    {
        var witness = new PageOracle();
        var page = await CleanPageAsync(witness);
        await page.Context.RouteAsync("**/planted-abort", route => route.AbortAsync());

        await page.EvaluateAsync("""
            async () => {
              console.error('planted console error');
              console.warn('planted console warning');
              await fetch('/planted-missing');
              await fetch('/planted-abort').catch(() => {});
              const inline = document.createElement('script');
              inline.textContent = 'window.plantedInline = true';
              document.head.append(inline);
              setTimeout(() => { throw new Error('planted uncaught'); });
            }
            """);

        await Poll.UntilAsync(() => Enum.GetValues<ProblemKind>().All(k => witness.Unexpected.Any(p => p.Kind == k)), TimeSpan.FromSeconds(10),
            $"every kind of problem reported; seen: {string.Join("; ", witness.Seen)}");
        var verdict = Assert.Throws<Xunit.Sdk.XunitException>(witness.AssertClean);
        Assert.Contains("planted console error", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("planted console warning", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("/planted-missing — GET answered 404", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("/planted-abort — GET failed: net::ERR_FAILED", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("planted uncaught", verdict.Message, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(verdict.Message, @"\[CspViolation\] .*/sandbox — CSP script-src-elem blocked inline"), verdict.Message);
        Assert.False(await page.EvaluateAsync<bool>("() => window.plantedInline === true"), "the policy refused the inline script");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeclaredProblem_IsLetPass_WithItsConsoleLine_ButAnotherIsStillReported()
    {
        var witness = new PageOracle();
        witness.Expect(new ExpectedProblem(ProblemKind.Status, Declared(), 404));
        var page = await CleanPageAsync(witness);

        await page.EvaluateAsync("async () => { await fetch('/declared-missing'); await fetch('/undeclared-missing'); }");

        await Poll.UntilAsync(() => witness.Seen.Count(p => p.Path == "/declared-missing") == 2 && witness.Unexpected.Count == 2, TimeSpan.FromSeconds(10),
            $"the response and the console line for each; seen: {string.Join("; ", witness.Seen)}");
        Assert.All(witness.Unexpected, p => Assert.Equal("/undeclared-missing", p.Path));
        Assert.Equal([ProblemKind.Console, ProblemKind.Status], witness.Unexpected.Select(p => p.Kind).Order());
        await page.Context.CloseAsync();
    }

    /// <summary>A page with nothing wrong, checked so: the plants are then all that is reported.</summary>
    private async Task<IPage> CleanPageAsync(PageOracle witness)
    {
        var context = await browser.NewContextAsync(witness, new BrowserNewContextOptions { BaseURL = product.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sandbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Launch" })).ToBeVisibleAsync();
        Assert.Empty(witness.Seen);
        return page;
    }

    [GeneratedRegex("^/declared-missing$")]
    private static partial Regex Declared();
}

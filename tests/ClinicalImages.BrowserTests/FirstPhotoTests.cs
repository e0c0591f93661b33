using System.Text.RegularExpressions;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>The simplest complete path, as a GP walks it: Medtech → widget → photo → Medtech Inbox.</summary>
public sealed partial class FirstPhotoTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Gp_LaunchesUploadsAndSaves_PhotoAppearsInTheMedtechInbox()
    {
        await using var context = await NewContextAsync(product, 900, 900);
        var page = await context.NewPageAsync();
        var expect = Assertions.Expect(page);

        // Medtech Evolution stand-in: choose the patient and launch.
        await page.GotoAsync("/sandbox");
        await page.GetByLabel("Facility").SelectOptionAsync(SandboxApi.Facility);
        await page.GetByLabel("Patient").SelectOptionAsync(new SelectOptionValue { Label = await PatientLabelAsync(page) });
        var clinician = await page.GetByLabel("Provider").Locator("option:checked").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();

        // The widget: patient banner from ALEX, no identifier in the address bar.
        await expect.ToHaveURLAsync(CaptureUrl());
        await Assertions.Expect(page.GetByTestId("patient-nhi")).ToHaveTextAsync(SandboxApi.Nhi);

        // A photo from disk: bytes go to the upload slot over HTTP; the thumbnail arrives through the circuit.
        await Assertions.Expect(page.Locator("#file-input[data-ready='true']")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page, "capture-empty");
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-orientation6-gps.jpg"));
        var card = page.Locator(".card[data-status='ready']");
        await Assertions.Expect(card).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "capture-ready.png"), FullPage = true });
        await AssertAccessibleAsync(page, "capture-with-photo");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save 1 photo to Medtech" }).ClickAsync();
        await Assertions.Expect(page.Locator(".card[data-status='filed']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("DocumentReference/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "capture-filed.png"), FullPage = true });
        await AssertAccessibleAsync(page, "capture-filed");

        // A second photo, filed after the first: the Inbox lists it above.
        var first = await page.Locator(".card[data-status='filed']").GetAttributeAsync("data-image-id");
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("screenshot.png"));
        await Assertions.Expect(page.Locator(".card[data-status='ready']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var second = await page.Locator(".card[data-status='ready']").GetAttributeAsync("data-image-id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save 1 photo to Medtech" }).ClickAsync();
        await Assertions.Expect(page.Locator(".card[data-status='filed']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });

        // The Inbox of the emulated Medtech lists them as Medtech does, newest first, with the pictures.
        await page.GotoAsync("/sandbox/inbox");
        await Assertions.Expect(page.GetByText(SandboxApi.Nhi).First).ToBeVisibleAsync();
        var inbox = page.Locator("table.inbox").First;
        Assert.Equal(["Received", "Patient", "Title", "From", "Type"], await inbox.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync());
        var rows = inbox.Locator("tr.item");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row.Locator(".patient")).ToContainTextAsync($"NHI {SandboxApi.Nhi}");
            await Assertions.Expect(row.Locator(".from")).ToHaveTextAsync(clinician);
            await Assertions.Expect(row.Locator(".kind")).ToHaveTextAsync(new Regex(@"^Scan\s+1 page$"));
            await Assertions.Expect(row.Locator(".title")).ToHaveTextAsync(new Regex(@"^Photo — "));
        }

        var opened = inbox.Locator("tr.opened");
        await Assertions.Expect(opened.Nth(0).Locator("img")).ToHaveAttributeAsync("alt", $"Filed image, reference {second}");
        await Assertions.Expect(opened.Nth(1).Locator("img")).ToHaveAttributeAsync("alt", $"Filed image, reference {first}");
        var picture = page.Locator("img").First;
        await Assertions.Expect(picture).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.images].some(i => i.complete && i.naturalWidth > 0)", null, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "sandbox-inbox.png"), FullPage = true });
        await AssertAccessibleAsync(page, "sandbox-inbox-filed");
    }

    private static async Task<string> PatientLabelAsync(IPage page)
    {
        var options = await page.GetByLabel("Patient").Locator("option").AllInnerTextsAsync();
        return options.First(o => o.Contains(SandboxApi.Nhi, StringComparison.Ordinal));
    }

    [GeneratedRegex("/capture$")]
    private static partial Regex CaptureUrl();
}

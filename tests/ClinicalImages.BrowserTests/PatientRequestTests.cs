using System.Text.RegularExpressions;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// Photos from the patient as the people involved see them: the GP asks from the widget, the patient opens the link
/// on their phone at home, proves the date of birth and sends two photos with a note; the GP's next session shows
/// them under a banner, marked "from the patient", and files them into the Medtech Inbox.
/// </summary>
public sealed partial class PatientRequestTests(ProductFactory product, BrowserFixture browser)
    : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Patient_SendsPhotosFromHome_GpReviewsThemInTheNextSession_AndFilesThemToTheInbox()
    {
        // The GP asks, in the widget with the patient open.
        string link;
        await using (var asking = await OpenWidgetAsync(product))
        {
            var page = asking.Page;
            await page.GetByRole(AriaRole.Button, new() { Name = "Ask the patient for photos" }).ClickAsync();
            await page.GetByLabel("Photos of").SelectOptionAsync(new SelectOptionValue { Label = "Something else (type it)" });
            await page.GetByLabel("In the patient's words").FillAsync("the rash on your arm");
            await Assertions.Expect(page.GetByLabel("Link works for")).ToHaveValueAsync("72");
            await page.GetByRole(AriaRole.Button, new() { Name = "Make the link" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("patient-request-qr")).ToBeVisibleAsync();
            link = (await page.GetByTestId("patient-request-link").InnerTextAsync()).Trim();
            Assert.Matches("/p/[A-Za-z0-9_-]{43}$", link);
            await Assertions.Expect(page.GetByTestId("patient-requests").Locator("li[data-state='open']")).ToHaveCountAsync(1);
            await asking.ScreenshotAsync("desktop-patient-request.png", fullPage: true);
            await AssertAccessibleAsync(page, "patient-request-link");
        }

        // The patient, at home on their phone.
        await using var phoneContext = await NewPhoneContextAsync();
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(link);
        await Assertions.Expect(phone).ToHaveURLAsync(PatientUrl());
        await Assertions.Expect(phone.GetByTestId("patient-asked")).ToHaveTextAsync(new Regex(@"^\s*Anna Whitfield asked for photos of: the rash on your arm\s*$"));
        await Assertions.Expect(phone.GetByTestId("patient-practice")).ToHaveTextAsync(new Regex(@"\S"));
        await Assertions.Expect(phone.Locator("body")).Not.ToContainTextAsync("Ngata");
        await Assertions.Expect(phone.Locator("#phone[data-ready='true']")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "patient-verify.png"), FullPage = true });
        await AssertAccessibleAsync(phone, "patient-verify");

        // A slip of the finger first: the page says what is wrong and how many tries are left.
        ExpectBrowserProblem("/api/patient/verify", 400);
        await EnterBirthDateAsync(phone, "12", "3", "1948");
        await Assertions.Expect(phone.Locator("[data-text='problem']")).ToHaveTextAsync(
            "That date of birth does not match the practice's record. Check it and try again (4 tries left).");
        await AssertAccessibleAsync(phone, "patient-verify-wrong");
        await EnterBirthDateAsync(phone, "12", "3", "1984");
        await Assertions.Expect(phone.Locator("[data-screen='tips']")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Include a ruler or a coin beside it")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "patient-tips.png"), FullPage = true });
        await AssertAccessibleAsync(phone, "patient-tips");

        await phone.Locator("[data-input='gallery']").SetInputFilesAsync([Desktop.Sample("photo-orientation6-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(phone.Locator("[data-list='shots'] li")).ToHaveCountAsync(2);
        await phone.GetByLabel("A note for the practice (optional)").FillAsync("It itches at night");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "patient-review.png"), FullPage = true });
        await AssertAccessibleAsync(phone, "patient-review");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send 2 photos" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("patient-done")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(phone.GetByTestId("patient-done")).ToHaveTextAsync("Sent to your practice. Nothing was kept on this phone.");
        Assert.Equal(0, await phone.EvaluateAsync<int>("() => document.querySelectorAll('[data-list=\"progress\"] li:not([data-state=\"sent\"])').length"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "patient-done.png"), FullPage = true });
        await AssertAccessibleAsync(phone, "patient-done");

        // The GP's next session for the patient: the banner, the photos marked as the patient's, with the note.
        await using var reviewing = await OpenWidgetAsync(product);
        var desktop = reviewing.Page;
        await Assertions.Expect(desktop.GetByTestId("patient-photos-banner")).ToHaveTextAsync(new Regex(@"^\s*2 photos from the patient, sent \d{1,2} \w{3} \d{2}:\d{2}\s*$"));
        await Assertions.Expect(reviewing.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(desktop.GetByTestId("from-patient")).ToHaveCountAsync(2);
        await Assertions.Expect(desktop.GetByTestId("patient-note")).ToHaveCountAsync(2);
        await Assertions.Expect(desktop.GetByTestId("patient-note").First).ToHaveTextAsync("Patient's note: It itches at night");
        await reviewing.ScreenshotAsync("desktop-patient-photos.png", fullPage: true);
        await AssertAccessibleAsync(desktop, "capture-photos-from-patient");
        var ids = new List<string>();
        foreach (var card in await reviewing.Cards("ready").AllAsync())
        {
            ids.Add((await card.GetAttributeAsync("data-image-id"))!);
        }

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Save 2 photos to Medtech" }).ClickAsync();
        await Assertions.Expect(reviewing.Cards("filed")).ToHaveCountAsync(2, new() { Timeout = 60_000 });

        await desktop.GotoAsync("/sandbox/inbox");
        var inbox = desktop.Locator("table.inbox").First;
        await Assertions.Expect(inbox.Locator("tr.item")).ToHaveCountAsync(2);
        foreach (var id in ids)
        {
            await Assertions.Expect(inbox.Locator($"tr.opened img[alt='Filed image, reference {id}']")).ToHaveCountAsync(1);
        }

        await desktop.WaitForFunctionAsync("() => [...document.images].some(i => i.complete && i.naturalWidth > 0)", null, new() { Timeout = 15_000 });
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "sandbox-inbox-from-patient.png"), FullPage = true });

        // The link has done its work for these photos: opening it again still reaches the same phone's page, and a
        // later session shows no banner.
        await using var later = await OpenWidgetAsync(product);
        await Assertions.Expect(later.Page.GetByTestId("patient-photos-banner")).ToHaveCountAsync(0);
    }

    private static async Task EnterBirthDateAsync(IPage phone, string day, string month, string year)
    {
        await phone.GetByLabel("Day").FillAsync(day);
        await phone.GetByLabel("Month").FillAsync(month);
        await phone.GetByLabel("Year").FillAsync(year);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    [GeneratedRegex("/p$")]
    private static partial Regex PatientUrl();
}

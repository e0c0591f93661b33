using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalImages.AlexSandbox.Seed;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed partial class ConsoleTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Facilities_ListTheSeededPracticesWithValidTestNhisAndPerFacilityIds()
    {
        using var console = sandbox.CreateClient();

        var facilities = (await console.GetFromJsonAsync<List<JsonElement>>(new Uri("/sandbox/api/facilities", UriKind.Relative)))!;

        Assert.Equal([Seeds.HealthierCare, Seeds.Kowhai], facilities.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("Healthier Care", facilities[0].GetProperty("name").GetString());
        var patients = facilities.SelectMany(f => f.GetProperty("patients").EnumerateArray()).ToList();
        Assert.True(patients.Select(p => p.GetProperty("nhi").GetString()).Distinct().Count() >= 6);
        Assert.All(patients, p => Assert.True(Nhi.IsValid(p.GetProperty("nhi").GetString())));
        Assert.All(patients, p => Assert.Matches("^[0-9a-f]{32}$", p.GetProperty("id").GetString()));
        Assert.All(patients, p => Assert.StartsWith("Z", p.GetProperty("nhi").GetString(), StringComparison.Ordinal));
        Assert.Equal(patients.Count, patients.Select(p => p.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(3, facilities.SelectMany(f => f.GetProperty("practitioners").EnumerateArray())
            .Select(p => p.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task FiledPreview_OfTiff_IsAJpegTheBrowserCanShow()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        using var posted = await alex.PostAsync("/FHIR/DocumentReference", Samples.ScanDocument());
        var id = (await AlexClient.ReadAsync<Hl7.Fhir.Model.DocumentReference>(posted)).Id;
        using var console = sandbox.CreateClient();

        using var response = await console.GetAsync(new Uri($"/sandbox/api/filed/DocumentReference/{id}/preview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
    }

    [Fact]
    public async Task Inbox_ShowsFiledImageUnderItsFacilityAndPatientWithPreview()
    {
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);
        var photo = Samples.Photo(patientId: Seeds.TestNhiAtKowhai, practitionerId: Seeds.DrRaman);
        using var posted = await alex.PostAsync("/FHIR/Media", photo);
        var id = (await AlexClient.ReadAsync<Hl7.Fhir.Model.Media>(posted)).Id;
        using var console = sandbox.CreateClient();

        var html = await console.GetStringAsync(new Uri("/sandbox/inbox", UriKind.Relative));

        Assert.Contains("Kōwhai Medical Centre", html, StringComparison.Ordinal);
        Assert.Contains($"/sandbox/api/filed/Media/{id}/preview", html, StringComparison.Ordinal);
        Assert.Contains(photo.Identifier[0].Value!, html, StringComparison.Ordinal);
        Assert.Contains("NHI ZZZ0016", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launcher_HasLabelledFacilityPatientProviderAndLaunchButton_WithoutInlineScriptOrStyle()
    {
        using var console = sandbox.CreateClient();

        var html = await console.GetStringAsync(new Uri("/sandbox", UriKind.Relative));

        foreach (var (id, label) in new[] { ("facility", "Facility"), ("patient", "Patient"), ("provider", "Provider") })
        {
            Assert.Contains($"<label for=\"{id}\">{label}</label>", html, StringComparison.Ordinal);
            Assert.Contains($"<select id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<button type=\"submit\">Launch</button>", html, StringComparison.Ordinal);
        Assert.Contains("No patient open", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sandbox/inbox\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScriptOrStyle(), html);
    }

    [Fact]
    public async Task FiledApi_WithUnknownFacilityOrMalformedNhi_ReturnsProblemDetails()
    {
        using var console = sandbox.CreateClient();

        using var facility = await console.GetAsync(new Uri("/sandbox/api/filed?facilityId=F00000-X", UriKind.Relative));
        using var nhi = await console.GetAsync(new Uri("/sandbox/api/filed?nhi=ZZZ0017", UriKind.Relative));
        using var content = await console.GetAsync(new Uri("/sandbox/api/filed/Media/00000000000000000000000000000000/content", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, facility.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nhi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        Assert.All([facility, nhi, content], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task FiledApi_FilteredByFacilityAndNhi_ReturnsOnlyThatPatientsFilingsThere()
    {
        using var healthierCare = await sandbox.CreateAlexClientAsync(Seeds.HealthierCare);
        var mine = Samples.ScanDocument(patientId: Seeds.WhitakerAtHealthierCare);
        using var posted = await healthierCare.PostAsync("/FHIR/DocumentReference", mine);
        using var other = await healthierCare.PostAsync("/FHIR/DocumentReference", Samples.ScanDocument());
        using var console = sandbox.CreateClient();

        var filed = await console.GetFromJsonAsync<List<JsonElement>>(
            new Uri($"/sandbox/api/filed?facilityId={Seeds.HealthierCare}&nhi={Seeds.WhitakerNhi}", UriKind.Relative));

        Assert.Contains(filed!, f => f.GetProperty("identifier").GetString() == mine.Identifier[0].Value);
        Assert.All(filed!, f => Assert.Equal(Seeds.WhitakerAtHealthierCare, f.GetProperty("patientId").GetString()));
    }

    [Fact]
    public async Task DeleteFiled_ClearsEverythingFiled()
    {
        using var own = new SandboxFactory();
        using var alex = await own.CreateAlexClientAsync();
        using var posted = await alex.PostAsync("/FHIR/Media", Samples.Photo());
        using var console = own.CreateClient();

        using var deleted = await console.DeleteAsync(new Uri("/sandbox/api/filed", UriKind.Relative));
        var filed = await console.GetFromJsonAsync<List<JsonElement>>(new Uri("/sandbox/api/filed", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(filed!);
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScriptOrStyle();
}

using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed class PatientTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task PatientSearch_ByNhi_ReturnsSearchsetWithThePatient()
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync($"/FHIR/Patient?identifier={Seeds.NhiQuery(Seeds.TestNhi)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await AlexClient.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        var patient = Assert.IsType<Patient>(Assert.Single(bundle.Entry).Resource);
        Assert.Equal(Seeds.TestNhiAtHealthierCare, patient.Id);
        Assert.Contains(patient.Identifier, i => i.System == Seeds.NhiSystem && i.Value == Seeds.TestNhi);
        Assert.Equal(HumanName.NameUse.Official, patient.Name[0].Use);
        Assert.False(string.IsNullOrEmpty(patient.Name[0].Family));
        Assert.Equal("1984-03-12", patient.BirthDate);
        Assert.NotNull(patient.Gender);
    }

    [Fact]
    public async Task PatientSearch_ForUnknownNhi_ReturnsBundleWithOperationOutcomeEntry()
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync($"/FHIR/Patient?identifier={Seeds.NhiQuery("ZZZ0059")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await AlexClient.ReadAsync<Bundle>(response);
        var entry = Assert.Single(bundle.Entry);
        Assert.Equal(Bundle.SearchEntryMode.Outcome, entry.Search?.Mode);
        var outcome = Assert.IsType<OperationOutcome>(entry.Resource);
        Assert.Equal("Patient not found.", outcome.Issue[0].Diagnostics);
    }

    [Theory]
    [InlineData("/FHIR/Patient")]
    [InlineData("/FHIR/Patient?name=Ngata")]
    [InlineData("/FHIR/Patient?_id=14e52e16edb7a435bfa05e307afd008b")]
    [InlineData("/FHIR/Patient?identifier=https%3A%2F%2Fstandards.digital.health.nz%2Fns%2Fnhi-id%7CZZZ0016&birthdate=1984-03-12")]
    public async Task PatientSearch_WithoutNhiOrWithOtherParameters_Returns403AuthorizationFailed(string path)
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync(path);

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
    }

    [Fact]
    public async Task PatientSearch_SameNhiAtTwoFacilities_ReturnsEachFacilitysOwnId()
    {
        using var healthierCare = await sandbox.CreateAlexClientAsync(Seeds.HealthierCare);
        using var kowhai = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);
        var path = $"/FHIR/Patient?identifier={Seeds.NhiQuery(Seeds.TestNhi)}";

        using var atHealthierCare = await healthierCare.GetAsync(path);
        using var atKowhai = await kowhai.GetAsync(path);

        Assert.Equal(Seeds.TestNhiAtHealthierCare, (await AlexClient.ReadAsync<Bundle>(atHealthierCare)).Entry[0].Resource?.Id);
        Assert.Equal(Seeds.TestNhiAtKowhai, (await AlexClient.ReadAsync<Bundle>(atKowhai)).Entry[0].Resource?.Id);
    }

    [Fact]
    public async Task PatientRead_OfAnotherFacilitysPatientId_Returns404PatientNotFound()
    {
        using var kowhai = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        using var response = await kowhai.GetAsync($"/FHIR/Patient/{Seeds.TestNhiAtHealthierCare}");

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound, "Patient not found.");
    }

    [Fact]
    public async Task LocationSearch_ReturnsTheFacilitysLocationWithHpiFacilityId()
    {
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.HealthierCare);

        using var response = await alex.GetAsync("/FHIR/Location");

        var location = Assert.IsType<Location>(Assert.Single((await AlexClient.ReadAsync<Bundle>(response)).Entry).Resource);
        Assert.Contains(location.Identifier, i => i.System == "https://standards.digital.health.nz/ns/hpi-facility-id" && i.Value == Seeds.HealthierCare);
        Assert.Equal("Healthier Care", location.Name);
    }

    [Fact]
    public async Task PractitionerRead_ReturnsNameAndHpiPersonId_OnlyAtTheirFacilities()
    {
        using var healthierCare = await sandbox.CreateAlexClientAsync(Seeds.HealthierCare);
        using var kowhai = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        using var elsewhere = await healthierCare.GetAsync($"/FHIR/Practitioner/{Seeds.DrRaman}");
        using var atHome = await kowhai.GetAsync($"/FHIR/Practitioner/{Seeds.DrRaman}");

        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        var practitioner = await AlexClient.ReadAsync<Practitioner>(atHome);
        Assert.Contains(practitioner.Identifier, i => i.System == "https://standards.digital.health.nz/ns/hpi-person-id");
        Assert.Equal("Raman", practitioner.Name[0].Family);
    }
}

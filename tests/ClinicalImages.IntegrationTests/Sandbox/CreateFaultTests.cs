using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>The sandbox's "createdWithoutLocation" fault: a create stored and answered 201 as usual, but with no Location header.</summary>
public sealed class CreateFaultTests
{
    [Fact]
    public async Task Fault_CreatedWithoutLocation_StoresTheMediaAndAnswers201WithTheResourceButNoLocation()
    {
        using var sandbox = new SandboxFactory();
        using (var console = sandbox.CreateClient())
        using (var set = await console.PutAsJsonAsync(new Uri($"/sandbox/api/faults/{Seeds.HealthierCare}", UriKind.Relative),
            new { mode = "createdWithoutLocation", count = 2 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        using var alex = await sandbox.CreateAlexClientAsync();

        // A read under the fault passes untouched.
        using var read = await alex.GetAsync("/FHIR/Location");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var response = await alex.PostAsync("/FHIR/Media", Samples.Photo());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var stored = await AlexClient.ReadAsync<Media>(response);
        Assert.Matches("^[0-9a-f]{32}$", stored.Id);
        using var again = await alex.GetAsync($"/FHIR/Media/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Counted: the next create carries its Location again.
        using var next = await alex.PostAsync("/FHIR/Media", Samples.Photo());
        Assert.NotNull(next.Headers.Location);
    }
}

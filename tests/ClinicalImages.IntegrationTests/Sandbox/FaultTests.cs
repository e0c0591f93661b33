using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>Each test owns its sandbox, since a fault holds for a whole facility.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Fault_Unavailable_Returns503WithConnectionOutcome()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "unavailable" });
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync("/FHIR/Location");

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.ServiceUnavailable, OperationOutcome.IssueType.Exception,
            "Cannot establish connection to the facility. Please try again later.");
    }

    [Fact]
    public async Task Fault_Error500_Returns500WithExceptionOutcome()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "error500" });
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.PostAsync("/FHIR/DocumentReference", Samples.ScanDocument());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Exception, (await AlexClient.ReadAsync<OperationOutcome>(response)).Issue[0].Code);
        Assert.Empty(await FiledAsync(sandbox));
    }

    [Fact]
    public async Task Fault_Latency_DelaysTheAnswer()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "latency", latencyMs = 400 });
        using var alex = await sandbox.CreateAlexClientAsync();

        var watch = Stopwatch.StartNew();
        using var response = await alex.GetAsync("/FHIR/Location");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(380), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Fault_WriteLatency_DelaysWritesOnly()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "latency", latencyMs = 1, writeLatencyMs = 1500 });
        using var alex = await sandbox.CreateAlexClientAsync();
        using (await alex.GetAsync("/FHIR/Location"))
        {
            // the client's first call: its token and the host's first request, not the fault
        }

        var read = Stopwatch.StartNew();
        using var location = await alex.GetAsync("/FHIR/Location");
        read.Stop();
        var write = Stopwatch.StartNew();
        using var created = await alex.PostAsync("/FHIR/DocumentReference", Samples.ScanDocument());
        write.Stop();

        Assert.Equal(HttpStatusCode.OK, location.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(write.Elapsed - read.Elapsed >= TimeSpan.FromMilliseconds(1400),
            $"the write took {write.Elapsed.TotalMilliseconds:0} ms and the read {read.Elapsed.TotalMilliseconds:0} ms: only writes wait the extra 1500 ms");
    }

    [Fact]
    public async Task Fault_TimeoutAfterSuccess_StoresTheResourceWhileTheClientTimesOut()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "timeoutAfterSuccess", count = 1 });
        using var alex = await sandbox.CreateAlexClientAsync();
        var document = Samples.ScanDocument();
        using var clientTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => alex.PostAsync("/FHIR/DocumentReference", document, clientTimeout.Token));

        var filed = await Poll.UntilAsync(() => FiledAsync(sandbox), f => f.Count > 0, TimeSpan.FromSeconds(10), _ => "nothing filed");
        Assert.Equal(document.Identifier[0].Value, Assert.Single(filed).GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task Fault_WithCount_AppliesToThatManyCallsThenReverts()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "unavailable", count = 2 });
        using var alex = await sandbox.CreateAlexClientAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await alex.GetAsync("/FHIR/Location");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Fault_AppliesOnlyToFhirCallsOfTheNamedFacility()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "unavailable" });
        using var kowhai = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);
        using var healthierCare = await sandbox.CreateAlexClientAsync(Seeds.HealthierCare);

        using var otherFacility = await kowhai.GetAsync("/FHIR/Location");
        using var metadata = await healthierCare.GetAsync("/FHIR/metadata");
        using var faulted = await healthierCare.GetAsync("/FHIR/Location");

        Assert.Equal(HttpStatusCode.OK, otherFacility.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
    }

    [Fact]
    public async Task Fault_SetToNone_ClearsTheFault()
    {
        using var sandbox = new SandboxFactory();
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "error500" });
        await SetFaultAsync(sandbox, Seeds.HealthierCare, new { mode = "none" });
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync("/FHIR/Location");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Seeds.HealthierCare, """{"mode":"flaky"}""", HttpStatusCode.BadRequest)]
    [InlineData(Seeds.HealthierCare, """{"mode":"latency"}""", HttpStatusCode.BadRequest)]
    [InlineData(Seeds.HealthierCare, """{"mode":"unavailable","writeLatencyMs":2000}""", HttpStatusCode.BadRequest)]
    [InlineData(Seeds.HealthierCare, """{"mode":"unavailable","count":-1}""", HttpStatusCode.BadRequest)]
    [InlineData("F00000-X", """{"mode":"unavailable"}""", HttpStatusCode.NotFound)]
    public async Task SetFault_WithBadInput_ReturnsProblemDetails(string facilityId, string body, HttpStatusCode expected)
    {
        using var sandbox = new SandboxFactory();
        using var console = sandbox.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await console.PutAsync(new Uri($"/sandbox/api/faults/{facilityId}", UriKind.Relative), content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private static async Task SetFaultAsync(SandboxFactory sandbox, string facilityId, object fault)
    {
        using var console = sandbox.CreateClient();
        using var response = await console.PutAsJsonAsync(new Uri($"/sandbox/api/faults/{facilityId}", UriKind.Relative), fault);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<List<JsonElement>> FiledAsync(SandboxFactory sandbox)
    {
        using var console = sandbox.CreateClient();
        return (await console.GetFromJsonAsync<List<JsonElement>>(new Uri("/sandbox/api/filed", UriKind.Relative)))!;
    }
}

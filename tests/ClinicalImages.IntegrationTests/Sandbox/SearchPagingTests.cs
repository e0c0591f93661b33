using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>DocumentReference and Media searches in pages, and the per-facility settings that make them refuse, page small or drop the sort.</summary>
public sealed class SearchPagingTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    private static readonly string Query = $"/FHIR/DocumentReference?patient.identifier={Seeds.NhiQuery(Seeds.TestNhi)}";

    [Fact]
    public async Task Search_WithSmallPageSize_PagesThroughEveryFilingByNextLinks()
    {
        await SetAsync(new { pageSize = 2 });
        await AddEarlierAsync(5);
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        var pages = await ReadAllPagesAsync(alex, Query + "&_count=10");

        Assert.All(pages, p => Assert.True(p.Entry.Count <= 2));
        Assert.Equal(pages[0].Total, pages.Sum(p => p.Entry.Count));
        var ids = pages.SelectMany(p => p.Entry).Select(e => e.Resource!.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids.Count >= 5);
    }

    [Fact]
    public async Task Search_SortedNewestFirst_ReturnsTheLatestDateFirst()
    {
        await SetAsync(new { pageSize = 3 });
        await AddEarlierAsync(4);
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        var pages = await ReadAllPagesAsync(alex, Query + "&_sort=-date");

        var dates = pages.SelectMany(p => p.Entry).Select(e => ((DocumentReference)e.Resource!).Date!.Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Search_WithSortIgnored_ReturnsOldestFirstAndWithSortRefused_Returns403()
    {
        await AddEarlierAsync(3);
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        await SetAsync(new { sort = "ignored" });
        var dates = (await ReadAllPagesAsync(alex, Query + "&_sort=-date")).SelectMany(p => p.Entry).Select(e => ((DocumentReference)e.Resource!).Date!.Value).ToList();
        await SetAsync(new { sort = "refused" });
        using var refused = await alex.GetAsync(Query + "&_sort=-date");
        using var unsorted = await alex.GetAsync(Query);

        Assert.NotEqual(dates.OrderByDescending(d => d), dates);
        await OutcomeAssert.IssueAsync(refused, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
        Assert.Equal(HttpStatusCode.OK, unsorted.StatusCode);
    }

    [Fact]
    public async Task Search_WhenTheFacilityRefusesReadBack_Returns403AuthorizationFailed()
    {
        await SetAsync(new { refuse = true });
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        using var documents = await alex.GetAsync(Query);
        using var media = await alex.GetAsync($"/FHIR/Media?patient.identifier={Seeds.NhiQuery(Seeds.TestNhi)}");

        await OutcomeAssert.IssueAsync(documents, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
        await OutcomeAssert.IssueAsync(media, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
    }

    [Fact]
    public async Task Search_InTheReadProfileShape_ReturnsFilingsWithoutIdentifier()
    {
        await SetAsync(new { withoutIdentifier = true });
        await AddEarlierAsync(1);
        using var alex = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        var entries = (await ReadAllPagesAsync(alex, Query)).SelectMany(p => p.Entry).Select(e => (DocumentReference)e.Resource!).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, d => Assert.Empty(d.Identifier));
    }

    [Fact]
    public async Task SearchSettings_WithAPageSizeOutOfRange_AreRefusedWithASentence()
    {
        using var console = sandbox.CreateClient();

        using var response = await console.PutAsJsonAsync($"/sandbox/api/searches/{Seeds.Kowhai}", new { pageSize = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pageSize must be from 1", await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<Bundle>> ReadAllPagesAsync(AlexClient alex, string first)
    {
        var pages = new List<Bundle>();
        var next = first;
        while (next is not null && pages.Count < 50)
        {
            using var response = await alex.GetAsync(next);
            var bundle = await AlexClient.ReadAsync<Bundle>(response);
            pages.Add(bundle);
            next = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url is { } url ? new Uri(url).PathAndQuery : null;
        }

        return pages;
    }

    private async Task SetAsync(object settings)
    {
        using var console = sandbox.CreateClient();
        using var response = await console.PutAsJsonAsync($"/sandbox/api/searches/{Seeds.Kowhai}", settings);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task AddEarlierAsync(int count)
    {
        using var console = sandbox.CreateClient();
        using var response = await console.PostAsJsonAsync($"/sandbox/api/filed/{Seeds.Kowhai}/earlier",
            new { nhi = Seeds.TestNhi, resourceType = "DocumentReference", count });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}

using System.Text.Json;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// ALEX answers a create 201 with neither a Location nor the resource: the photo is in Medtech, under an id ALEX did
/// not tell. It is never sent again on its own: a search for our identifier finds its id, and where searches are
/// refused the photo is left "Unclear whether Medtech has it" for the GP.
/// </summary>
public sealed class CreatedWithoutIdTests(FilingFaultProduct product) : IClassFixture<FilingFaultProduct>
{
    [Fact]
    public async Task CreatedWithoutLocationOrBody_IsFoundBySearching_AndFiledOnceWithItsId()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        await sandbox.SetFaultAsync("createdWithoutLocationOrBody", count: 1);

        var outcome = await CommitAndWaitAsync(desktop, id);

        var item = outcome.GetProperty("items")[0];
        Assert.Equal("filed", item.GetProperty("state").GetString());
        var held = Assert.Single(await sandbox.FiledAsync("ZRT5604"), f => f.Identifier == id);
        Assert.Equal(held.Id, item.GetProperty("resourceId").GetString());
    }

    [Fact]
    public async Task CreatedWithoutLocationOrBody_WhereSearchesAreRefused_IsLeftToTheGp_AndNotSentAgain()
    {
        const string refusing = SandboxApi.OtherFacility;
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032", facilityId: refusing);
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("screenshot.png");
        await sandbox.SetSearchesAsync(refuse: true, facilityId: refusing);
        await sandbox.SetFaultAsync("createdWithoutLocationOrBody", count: 1, facilityId: refusing);

        var outcome = await CommitAndWaitAsync(desktop, id);
        var again = await CommitAndWaitAsync(desktop, id);

        Assert.Equal("unclear", outcome.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal("unclear", again.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Single(await sandbox.FiledAsync("ZZZ0032", refusing), f => f.Identifier == id);
    }

    private static async Task<JsonElement> CommitAndWaitAsync(Desktop desktop, string id) =>
        await desktop.WaitForCommitAsync((await desktop.CommitAsync(id)).GetProperty("commitId").GetString()!, TimeSpan.FromSeconds(60));
}

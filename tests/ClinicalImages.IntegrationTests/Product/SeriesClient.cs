using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>The series routes as the widget's JSON API offers them, for a test's desktop.</summary>
internal static class SeriesClient
{
    public static async Task<HttpResponseMessage> PostSeriesAsync(this Desktop desktop, string? name, params (string ImageId, string Role)[] photos) =>
        await desktop.Http.PostAsJsonAsync("/api/session/series",
            new { name, photos = photos.Select(p => new { imageId = p.ImageId, role = p.Role }).ToArray() });

    /// <summary>Makes a series and returns it as the product answered.</summary>
    public static async Task<JsonElement> CreateSeriesAsync(this Desktop desktop, string name, params (string ImageId, string Role)[] photos)
    {
        using var response = await desktop.PostSeriesAsync(name, photos);
        await Desktop.Expect(response, HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ListSeriesAsync(this Desktop desktop) =>
        await desktop.Http.GetFromJsonAsync<JsonElement>("/api/session/series");

    /// <summary>Starts a save of whole series (and any photos) and follows it until it is finished.</summary>
    public static async Task<JsonElement> SaveSeriesAsync(this Desktop desktop, string[] seriesIds, string[]? imageIds = null, TimeSpan? timeout = null)
    {
        using var response = await desktop.Http.PostAsJsonAsync("/api/session/commit", new { imageIds = imageIds ?? [], seriesIds });
        await Desktop.Expect(response, HttpStatusCode.Accepted);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        return await desktop.WaitForCommitAsync(started.GetProperty("commitId").GetString()!, timeout ?? TimeSpan.FromSeconds(90));
    }

    public static async Task<string> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
}

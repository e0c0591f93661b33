using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClinicalImages.TestHost;

/// <summary>A desktop browser with a launched session, driving the JSON API the widget uses.</summary>
public sealed class Desktop : IDisposable
{
    private Desktop(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }

    /// <summary>The browser's cookies (cookies ignore ports: another instance on loopback receives them too).</summary>
    public CookieContainer Cookies { get; }

    public static Task<Desktop> LaunchAsync(ProductFactory product, string nhi = SandboxApi.Nhi, string facilityId = SandboxApi.Facility) =>
        LaunchAsync(product, null, nhi, facilityId);

    /// <summary>Launches against a product; <paramref name="sandbox"/> mints the launch when ALEX runs outside it.</summary>
    public static async Task<Desktop> LaunchAsync(ProductFactory product, SandboxApi? sandbox, string nhi = SandboxApi.Nhi, string facilityId = SandboxApi.Facility)
    {
        using var minting = product.NewBrowser();
        var launch = await (sandbox ?? new SandboxApi(minting)).MintLaunchAsync(nhi, facilityId);
        return await OpenAsync(product, launch);
    }

    /// <summary>Opens a launch minted by the test, so the test knows the very context and signature the product decoded.</summary>
    public static Task<Desktop> OpenAsync(ProductFactory product, SandboxApi.LaunchDto launch) => OpenAsync(product.NewBrowser, launch);

    /// <summary>Opens a launch through any product's browser-like client (one in another process, say).</summary>
    public static async Task<Desktop> OpenAsync(Func<CookieContainer, HttpClient> newBrowser, SandboxApi.LaunchDto launch)
    {
        var cookies = new CookieContainer();
        var browser = newBrowser(cookies);
        using var response = await browser.GetAsync(launch.LaunchUrl);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Launch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return new Desktop(browser, cookies);
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public async Task<JsonElement> SessionAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/session");

    public async Task<JsonElement> SlotAsync(string contentType, long length)
    {
        using var response = await Http.PostAsJsonAsync("/api/session/uploads", new { contentType, length });
        await Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> PutAsync(JsonElement slot, byte[] bytes, string? contentType = null)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? slot.GetProperty("headers").GetProperty("Content-Type").GetString()!);
        // The product's own storage gives a path on the product; S3 gives a presigned address of its own.
        return await Http.PutAsync(new Uri(slot.GetProperty("url").GetString()!, UriKind.RelativeOrAbsolute), content);
    }

    public async Task<HttpResponseMessage> CompleteAsync(string imageId) =>
        await Http.PostAsync($"/api/session/images/{imageId}/complete", null);

    /// <summary>Slot → bytes → completion; returns the completion response.</summary>
    public async Task<(string ImageId, HttpResponseMessage Completion)> UploadAsync(byte[] bytes, string contentType = "image/jpeg")
    {
        var slot = await SlotAsync(contentType, bytes.Length);
        using (var put = await PutAsync(slot, bytes))
        {
            await Expect(put, HttpStatusCode.OK);
        }

        var imageId = slot.GetProperty("imageId").GetString()!;
        return (imageId, await CompleteAsync(imageId));
    }

    public async Task<string> UploadReadyAsync(string sample = "photo-orientation6-gps.jpg")
    {
        var (imageId, completion) = await UploadAsync(await File.ReadAllBytesAsync(Sample(sample)));
        using (completion)
        {
            await Expect(completion, HttpStatusCode.OK);
        }

        return imageId;
    }

    public async Task<JsonElement> CommitAsync(params string[] imageIds)
    {
        using var response = await Http.PostAsJsonAsync("/api/session/commit", new { imageIds });
        await Expect(response, HttpStatusCode.Accepted);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Follows a commit until it is finished (a condition with a timeout, not a sleep of fixed length).</summary>
    public async Task<JsonElement> WaitForCommitAsync(string commitId, TimeSpan? timeout = null) =>
        await Poll.UntilAsync(() => Http.GetFromJsonAsync<JsonElement>($"/api/session/commit/{commitId}"),
            state => state.GetProperty("finished").GetBoolean(), timeout ?? TimeSpan.FromSeconds(60), state => $"the commit is not finished: {state}");

    /// <summary>True once any image of the commit has reached <paramref name="state"/> (or a later one).</summary>
    public async Task<bool> HasAnyItemReachedAsync(string commitId, string state)
    {
        var commit = await Http.GetFromJsonAsync<JsonElement>($"/api/session/commit/{commitId}");
        return commit.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("state").GetString() is { } s && (s == state || s is "filed" or "failed"));
    }

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new Xunit.Sdk.XunitException($"Expected {(int)status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => Http.Dispose();
}

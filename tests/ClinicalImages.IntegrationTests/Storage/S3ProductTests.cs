using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>The product end to end with its images in S3: browser PUTs to the bucket, the server checks at completion.</summary>
public sealed class S3ProductTests(S3ProductFactory product) : IClassFixture<S3ProductFactory>
{
    [Fact]
    public async Task Upload_ThroughAPresignedPut_IsNormalisedInTheBucket_AndItsThumbnailIsAPresignedGet()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("photo-orientation6-gps.jpg"));

        var (imageId, slot) = await PutAsync(desktop, bytes, bytes.Length);
        using var completion = await desktop.CompleteAsync(imageId);

        await Desktop.Expect(completion, HttpStatusCode.OK);
        Assert.IsType<S3ImageStore>(product.Services.GetRequiredService<IImageStore>());
        Assert.StartsWith($"{S3Server.Endpoint}/{product.Bucket}/sessions/", slot.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("AES256", slot.GetProperty("headers").GetProperty("x-amz-server-side-encryption").GetString());
        var keys = await KeysOfAsync(imageId);
        Assert.Contains(keys, k => k.EndsWith("/upright.jpg", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.EndsWith("/sidecar.json", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.EndsWith("/upload", StringComparison.Ordinal));
        var image = (await desktop.SessionAsync()).GetProperty("images")[0];
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        using var anonymous = new HttpClient();
        var thumbnail = await anonymous.GetByteArrayAsync(image.GetProperty("thumbnailUrl").GetString());
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, thumbnail[..2]);
        Assert.Contains(product.Logs.Lines, l => l.Contains("S3 presign-put sessions/*/images/*/upload", StringComparison.Ordinal));
        product.Logs.AssertNoPresignedSignatures();
    }

    [Fact]
    public async Task Complete_WhenTheStoredUploadIsLargerThanItsSlot_Returns422AndDeletesIt()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("screenshot.png"));

        // s3rver stores this PUT (AWS would refuse it: Content-Length is signed), so completion must catch it.
        var (imageId, _) = await PutAsync(desktop, bytes, bytes.Length - 100, "image/png");
        using var completion = await desktop.CompleteAsync(imageId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, completion.StatusCode);
        Assert.Contains("too large", await completion.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await KeysOfAsync(imageId));
        Assert.Equal(0, (await desktop.SessionAsync()).GetProperty("images").GetArrayLength());
        product.Logs.AssertNoPresignedSignatures();
    }

    [Fact]
    public async Task Rebuild_AfterTheSessionStoreLosesItsIndex_BringsBackThePhotosWithTheirDetails()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var first = await UploadReadyAsync(desktop, "photo-upright-gps.jpg");
        var second = await UploadReadyAsync(desktop, "screenshot.png");
        using (var patch = await desktop.Http.PatchAsJsonAsync($"/api/session/images/{first}",
            new { bodySiteCode = "40983000", laterality = "right", note = "Day 3", sensitive = true, consent = "teaching" }))
        {
            await Desktop.Expect(patch, HttpStatusCode.OK);
        }

        var before = (await desktop.SessionAsync()).GetProperty("images");
        var sessions = product.Services.GetRequiredService<ISessionStore>();
        var session = (await sessions.GetAsync((await desktop.SessionAsync()).GetProperty("id").GetString()!, default))!;
        foreach (var imageId in new[] { first, second })
        {
            await product.Services.GetRequiredService<IImageIndex>().DeleteImageAsync(session.Id, imageId, default);
        }

        Assert.Equal(0, (await desktop.SessionAsync()).GetProperty("images").GetArrayLength());
        var result = await product.Services.GetRequiredService<ImageIndexRebuilder>().RebuildAsync(session, default);

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), result.Restored.Order(StringComparer.Ordinal));
        var after = (await desktop.SessionAsync()).GetProperty("images");
        Assert.Equal(Comparable(before), Comparable(after));
        product.Logs.AssertNoPresignedSignatures();
    }

    private static string[] Comparable(JsonElement images) =>
        [.. images.EnumerateArray().Select(i => string.Join('|', i.GetProperty("id"), i.GetProperty("status"), i.GetProperty("source"),
            i.GetProperty("width"), i.GetProperty("height"), i.GetProperty("metadata").GetRawText(), i.GetProperty("createdAt")))
            .Order(StringComparer.Ordinal)];

    private static async Task<string> UploadReadyAsync(Desktop desktop, string sample)
    {
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample(sample));
        var (imageId, _) = await PutAsync(desktop, bytes, bytes.Length, sample.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
        using var completion = await desktop.CompleteAsync(imageId);
        await Desktop.Expect(completion, HttpStatusCode.OK);
        return imageId;
    }

    /// <summary>Asks for a slot declaring <paramref name="declared"/> bytes and PUTs the bytes to the bucket as the widget does.</summary>
    private static async Task<(string ImageId, JsonElement Slot)> PutAsync(Desktop desktop, byte[] bytes, long declared, string contentType = "image/jpeg")
    {
        var slot = await desktop.SlotAsync(contentType, declared);
        using var request = new HttpRequestMessage(HttpMethod.Put, slot.GetProperty("url").GetString()) { Content = new ByteArrayContent(bytes) };
        foreach (var header in slot.GetProperty("headers").EnumerateObject())
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value.GetString()!);
            }
        }

        using var s3 = new HttpClient();
        using var response = await s3.SendAsync(request);
        await Desktop.Expect(response, HttpStatusCode.OK);
        return (slot.GetProperty("imageId").GetString()!, slot);
    }

    private async Task<IReadOnlyList<string>> KeysOfAsync(string imageId)
    {
        var listed = await product.Services.GetRequiredService<IAmazonS3>().ListObjectsV2Async(new() { BucketName = product.Bucket, Prefix = "sessions/" });
        return [.. (listed.S3Objects ?? []).Select(o => o.Key).Where(k => k.Contains($"/images/{imageId}/", StringComparison.Ordinal))];
    }
}

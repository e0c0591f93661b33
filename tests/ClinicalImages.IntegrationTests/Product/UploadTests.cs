using System.Net;
using System.Text.Json;
using ClinicalImages.TestHost;
using ImageMagick;

namespace ClinicalImages.IntegrationTests.Product;

public sealed class UploadTests(ProductFactory product) : IClassFixture<ProductFactory>
{
    [Fact]
    public async Task Upload_PhotoWithGpsAndOrientation6_IsStoredUprightWithoutMetadata()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var session = await desktop.SessionAsync();
        var image = Assert.Single(session.GetProperty("images").EnumerateArray());
        Assert.Equal(imageId, image.GetProperty("id").GetString());
        Assert.Equal("ready", image.GetProperty("status").GetString());
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        Assert.Equal(1600, image.GetProperty("height").GetInt32());
        var stored = Directory.GetFiles(product.StoragePath, "upright.jpg", SearchOption.AllDirectories)
            .Single(f => f.Contains(imageId, StringComparison.Ordinal));
        using var upright = new MagickImage(stored);
        Assert.Null(upright.GetExifProfile());
        Assert.Equal(1200u, upright.Width);
        Assert.False(Directory.GetFiles(product.StoragePath, "upload", SearchOption.AllDirectories).Any(f => f.Contains(imageId, StringComparison.Ordinal)),
            "the uploaded original should be gone once normalised");
    }

    [Fact]
    public async Task Upload_Thumbnail_IsServedThroughItsSignedUrl()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        await desktop.UploadReadyAsync("screenshot.png");
        var image = (await desktop.SessionAsync()).GetProperty("images")[0];
        var url = image.GetProperty("thumbnailUrl").GetString()!;

        using var anonymous = product.NewBrowser();
        var bytes = await anonymous.GetByteArrayAsync(url);
        using var tampered = await anonymous.GetAsync(url.Replace("sig=", "sig=x", StringComparison.Ordinal));

        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Theory]
    [InlineData("not-an-image.jpg", "not a picture")]
    [InlineData("truncated.jpg", "damaged")]
    public async Task Complete_WhenBytesAreNotAGoodImage_Returns422AndStoresNothing(string sample, string expected)
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var (imageId, completion) = await desktop.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample(sample)));

        using (completion)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, completion.StatusCode);
            Assert.Equal("application/problem+json", completion.Content.Headers.ContentType?.MediaType);
            var problem = await completion.Content.ReadAsStringAsync();
            Assert.Contains(expected, problem, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await desktop.SessionAsync()).GetProperty("images").GetArrayLength());
        Assert.DoesNotContain(Directory.GetFiles(product.StoragePath, "*", SearchOption.AllDirectories), f => f.Contains(imageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Complete_PixelFlood_IsRefusedAsTooManyPixels()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var (_, completion) = await desktop.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample("pixel-flood.png")), "image/png");

        using (completion)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, completion.StatusCode);
            Assert.Contains("too large", await completion.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Slot_ForAFileThatIsTooLarge_Returns413WithTheLimit()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        using var response = await desktop.Http.PostAsync("/api/session/uploads",
            System.Net.Http.Json.JsonContent.Create(new { contentType = "image/jpeg", length = 200L * 1024 * 1024 }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slot_ForADocument_Returns415()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        using var response = await desktop.Http.PostAsync("/api/session/uploads",
            System.Net.Http.Json.JsonContent.Create(new { contentType = "text/html", length = 100 }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Put_WithAnotherTypeOrMoreBytesThanTheSlot_IsRefused()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        var slot = await desktop.SlotAsync("image/jpeg", bytes.Length - 10);

        using var wrongType = await desktop.PutAsync(slot, bytes[..100], "text/html");
        using var tooLong = await desktop.PutAsync(slot, bytes);

        Assert.Equal(HttpStatusCode.Forbidden, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
    }

    [Fact]
    public async Task Remove_DeletesTheImageFromStorage()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        using var response = await desktop.Http.DeleteAsync($"/api/session/images/{imageId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain(Directory.GetFiles(product.StoragePath, "*", SearchOption.AllDirectories), f => f.Contains(imageId, StringComparison.Ordinal));
        Assert.Equal(0, (await desktop.SessionAsync()).GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task Complete_ForAnImageOfAnotherSession_Returns404()
    {
        using var owner = await Desktop.LaunchAsync(product);
        var imageId = await owner.UploadReadyAsync("photo-upright-gps.jpg");
        using var stranger = await Desktop.LaunchAsync(product);

        using var response = await stranger.CompleteAsync(imageId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await stranger.SessionAsync()).GetProperty("images").ValueKind);
    }
}

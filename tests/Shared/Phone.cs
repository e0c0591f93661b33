using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClinicalImages.TestHost;

/// <summary>A phone's browser: opens the QR link, then drives the mobile API.</summary>
public sealed class Phone : IDisposable
{
    private Phone(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>Opens the link; returns the response (303 when bound) and the phone.</summary>
    public static async Task<(Phone Phone, HttpResponseMessage Response)> OpenAsync(ProductFactory product, string link)
    {
        var phone = new Phone(product.NewBrowser());
        var response = await phone.Http.GetAsync(new Uri(link).PathAndQuery);
        return (phone, response);
    }

    public static async Task<Phone> ConnectAsync(ProductFactory product, Desktop desktop)
    {
        var link = await IssueLinkAsync(desktop);
        var (phone, response) = await OpenAsync(product, link.GetProperty("url").GetString()!);
        using (response)
        {
            await Desktop.Expect(response, HttpStatusCode.SeeOther);
        }

        return phone;
    }

    public static async Task<JsonElement> IssueLinkAsync(Desktop desktop)
    {
        using var response = await desktop.Http.PostAsync("/api/session/handoff", null);
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> SlotAsync(string contentType, long length) =>
        await Http.PostAsJsonAsync("/api/mobile/uploads", new { contentType, length });

    /// <summary>Slot → bytes → completion (with optional details); returns the image id and the completion response.</summary>
    public async Task<(string ImageId, HttpResponseMessage Completion)> UploadAsync(byte[] bytes, object? details = null, string contentType = "image/jpeg")
    {
        using var slotResponse = await SlotAsync(contentType, bytes.Length);
        await Desktop.Expect(slotResponse, HttpStatusCode.OK);
        var slot = await slotResponse.Content.ReadFromJsonAsync<JsonElement>();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using (var put = await Http.PutAsync(new Uri(slot.GetProperty("url").GetString()!, UriKind.RelativeOrAbsolute), content))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        var imageId = slot.GetProperty("imageId").GetString()!;
        var completion = await Http.PostAsJsonAsync($"/api/mobile/images/{imageId}/complete", details ?? new { });
        return (imageId, completion);
    }

    public void Dispose() => Http.Dispose();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.PatientRequests;

/// <summary>The patient's phone at home: opens the link from the message, confirms the date of birth, sends photos.</summary>
internal sealed class PatientPhone(HttpClient http) : IDisposable
{
    /// <summary>Aroha Ngata (the sandbox's ZZZ0016), as Medtech holds her.</summary>
    public const string BirthDate = "1984-03-12";

    public HttpClient Http => http;

    /// <summary>A new device opening the link; the product answers 303 to /p and sets the patient's cookie.</summary>
    public static async Task<PatientPhone> OpenAsync(ProductFactory product, string link)
    {
        var phone = new PatientPhone(product.NewBrowser());
        using var response = await phone.Http.GetAsync(new Uri(link).PathAndQuery);
        await Desktop.Expect(response, HttpStatusCode.SeeOther);
        Assert.Equal("/p", response.Headers.Location?.OriginalString);
        return phone;
    }

    public static async Task<JsonElement> RequestAsync(Desktop desktop, string reason = "the rash on your arm", int? hours = null)
    {
        using var response = await desktop.Http.PostAsJsonAsync("/api/session/patient-requests", new { reason, hours });
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The page's text as a person reads it (markup dropped, whitespace collapsed).</summary>
    public async Task<string> PageAsync(HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(new Uri("/p", UriKind.Relative));
        await Desktop.Expect(response, expected);
        var html = await response.Content.ReadAsStringAsync();
        var text = Regex.Replace(Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>|<[^>]+>", " ", RegexOptions.Singleline), "\\s+", " ");
        return WebUtility.HtmlDecode(text).Replace(" :", ":", StringComparison.Ordinal);
    }

    public async Task<HttpResponseMessage> VerifyAsync(string birthDate = BirthDate) =>
        await http.PostAsJsonAsync("/api/patient/verify", new { birthDate });

    public async Task<HttpResponseMessage> SlotAsync(string contentType, long length) =>
        await http.PostAsJsonAsync("/api/patient/uploads", new { contentType, length });

    /// <summary>Slot → bytes → completion with the note; returns the image id and the completion response.</summary>
    public async Task<(string ImageId, HttpResponseMessage Completion)> UploadAsync(byte[] bytes, string? note = null, string contentType = "image/jpeg")
    {
        using var slotResponse = await SlotAsync(contentType, bytes.Length);
        await Desktop.Expect(slotResponse, HttpStatusCode.OK);
        var slot = await slotResponse.Content.ReadFromJsonAsync<JsonElement>();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using (var put = await http.PutAsync(new Uri(slot.GetProperty("url").GetString()!, UriKind.RelativeOrAbsolute), content))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        var imageId = slot.GetProperty("imageId").GetString()!;
        return (imageId, await http.PostAsJsonAsync($"/api/patient/images/{imageId}/complete", new { note }));
    }

    public async Task<string> UploadReadyAsync(string sample = "photo-orientation6-gps.jpg", string? note = null)
    {
        var (imageId, completion) = await UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample(sample)), note);
        using (completion)
        {
            await Desktop.Expect(completion, HttpStatusCode.OK);
        }

        return imageId;
    }

    public static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    public void Dispose() => http.Dispose();
}

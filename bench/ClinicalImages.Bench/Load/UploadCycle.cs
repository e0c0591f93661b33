using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace ClinicalImages.Bench.Load;

/// <summary>Where one browser sends a photo: a product instance (as a phone or a desktop) or the baseline.</summary>
internal sealed record UploadTarget(Uri Base, string? Cookie, bool AsDesktop = false)
{
    public string SlotPath => AsDesktop ? "/api/session/uploads" : "/api/mobile/uploads";

    public string CompletePath(string imageId) => AsDesktop ? $"/api/session/images/{imageId}/complete" : $"/api/mobile/images/{imageId}/complete";
}

/// <summary>One photo's cycle with its step times on the monotonic clock (Stopwatch ticks), or what went wrong.</summary>
internal sealed record CycleResult(bool Ok, string? ImageId, long Start, long SlotDone, long PutDone, long Done, string? Error)
{
    public double TotalMs => Ms(Start, Done);

    public double SlotMs => Ms(Start, SlotDone);

    public double PutMs => Ms(SlotDone, PutDone);

    public double CompleteMs => Ms(PutDone, Done);

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// The upload path every photo takes: ask for a slot, PUT the bytes to the slot's URL (with S3, straight to the
/// bucket), then say it is complete (the server checks, normalises, stores and announces it).
/// </summary>
internal static class UploadCycle
{
    public static async Task<CycleResult> RunAsync(Wire wire, UploadTarget target, byte[] jpeg, CancellationToken ct, long? scheduledStart = null,
        Action<long>? beforeComplete = null)
    {
        var start = scheduledStart ?? Stopwatch.GetTimestamp();
        long slotDone = 0, putDone = 0;
        string? imageId = null;
        try
        {
            var slotBody = string.Create(CultureInfo.InvariantCulture, $$"""{"contentType":"image/jpeg","length":{{jpeg.Length}}}""");
            string url;
            Dictionary<string, string> headers;
            using (var slot = await wire.PostJsonAsync(new Uri(target.Base, target.SlotPath), target.Cookie, slotBody, ct))
            {
                var json = await Wire.ReadJsonAsync(slot, HttpStatusCode.OK, ct);
                imageId = json.GetProperty("imageId").GetString()!;
                url = json.GetProperty("url").GetString()!;
                headers = json.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
            }

            slotDone = Stopwatch.GetTimestamp();
            var content = new ByteArrayContent(jpeg);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            using (var put = await wire.SendAsync(HttpMethod.Put, new Uri(target.Base, url), null, content, ct, headers))
            {
                if (!put.IsSuccessStatusCode)
                {
                    throw new BenchRequestException($"PUT answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync(ct)}");
                }
            }

            putDone = Stopwatch.GetTimestamp();
            beforeComplete?.Invoke(putDone);
            using var completion = target.AsDesktop
                ? await wire.SendAsync(HttpMethod.Post, new Uri(target.Base, target.CompletePath(imageId)), target.Cookie, null, ct)
                : await wire.PostJsonAsync(new Uri(target.Base, target.CompletePath(imageId)), target.Cookie, "{}", ct);
            await Wire.ReadJsonAsync(completion, HttpStatusCode.OK, ct);
            return new CycleResult(true, imageId, start, slotDone, putDone, Stopwatch.GetTimestamp(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or BenchRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            return new CycleResult(false, imageId, start, slotDone == 0 ? now : slotDone, putDone == 0 ? now : putDone, now, ex.Message);
        }
    }
}

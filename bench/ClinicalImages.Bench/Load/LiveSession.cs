using System.Net;
using System.Text.Json;
using ClinicalImages.Bench.Hosting;

namespace ClinicalImages.Bench.Load;

/// <summary>A launched capture session: the desktop's cookie on one instance, the bound phone's cookie on another.</summary>
internal sealed record LiveSession(string Id, Uri Desktop, string DesktopCookie, Uri Phone, string PhoneCookie)
{
    /// <summary>
    /// What a GP and their phone do before the first photo: Medtech Evolution opens the launch URL on the desktop's
    /// instance, the desktop asks for a QR link, the phone opens it on the phone's instance.
    /// </summary>
    public static async Task<LiveSession> StartAsync(Wire wire, SandboxHost sandbox, Uri desktop, Uri phone, CancellationToken ct)
    {
        var launchUrl = await sandbox.MintLaunchAsync(ct);
        string desktopCookie;
        using (var launched = await wire.SendAsync(HttpMethod.Get, new Uri(desktop, launchUrl), null, null, ct))
        {
            await Expect(launched, HttpStatusCode.SeeOther, ct);
            desktopCookie = Wire.Cookies(launched);
        }

        using var sessionResponse = await wire.SendAsync(HttpMethod.Get, new Uri(desktop, "/api/session"), desktopCookie, null, ct);
        var id = (await Wire.ReadJsonAsync(sessionResponse, HttpStatusCode.OK, ct)).GetProperty("id").GetString()!;
        using var handoff = await wire.SendAsync(HttpMethod.Post, new Uri(desktop, "/api/session/handoff"), desktopCookie, null, ct);
        var link = new Uri((await Wire.ReadJsonAsync(handoff, HttpStatusCode.OK, ct)).GetProperty("url").GetString()!);
        return new LiveSession(id, desktop, desktopCookie, phone, await BindPhoneAsync(wire, phone, link, ct));
    }

    /// <summary>The phone opens the QR link on its instance and keeps the cookie it gets.</summary>
    public static async Task<string> BindPhoneAsync(Wire wire, Uri phone, Uri link, CancellationToken ct)
    {
        using var bound = await wire.SendAsync(HttpMethod.Get, new Uri(phone, link.PathAndQuery), null, null, ct);
        await Expect(bound, HttpStatusCode.SeeOther, ct);
        return Wire.Cookies(bound);
    }

    public async Task<JsonElement> CommitAsync(Wire wire, IEnumerable<string> imageIds, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { imageIds }, BenchJson.Options);
        using var response = await wire.PostJsonAsync(new Uri(Desktop, "/api/session/commit"), DesktopCookie, body, ct);
        return await Wire.ReadJsonAsync(response, HttpStatusCode.Accepted, ct);
    }

    public async Task<JsonElement> CommitStateAsync(Wire wire, string commitId, CancellationToken ct)
    {
        using var response = await wire.SendAsync(HttpMethod.Get, new Uri(Desktop, $"/api/session/commit/{commitId}"), DesktopCookie, null, ct);
        return await Wire.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status, CancellationToken ct)
    {
        if (response.StatusCode != status)
        {
            throw new BenchRequestException($"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}

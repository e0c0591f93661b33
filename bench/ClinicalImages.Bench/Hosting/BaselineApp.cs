using Microsoft.AspNetCore.Hosting;
using System.Globalization;
using System.Net;

namespace ClinicalImages.Bench.Hosting;

/// <summary>
/// Kestrel's own floor: a trivial ASP.NET Core app answering the phone's three calls (slot, PUT of the bytes,
/// completion) with no work at all, so the same load generator can measure what the stack alone costs here.
/// </summary>
internal static class BaselineApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var origin = $"http://127.0.0.1:{port}";

        app.MapPost("/api/mobile/uploads", (SlotRequest request) => TypedResults.Ok(new
        {
            imageId = Guid.NewGuid().ToString("N"),
            method = "PUT",
            url = $"{origin}/storage/{Guid.NewGuid():N}",
            headers = new Dictionary<string, string> { ["Content-Type"] = request.ContentType ?? "image/jpeg" },
            expiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
        }));
        app.MapPut("/storage/{key}", async (HttpRequest request, CancellationToken ct) =>
        {
            // Read the body as a store would, and throw it away.
            await request.Body.CopyToAsync(Stream.Null, ct);
            return TypedResults.Ok();
        });
        app.MapPost("/api/mobile/images/{id}/complete", (string id) => TypedResults.Ok(new { id, status = "ready" }));
        app.MapGet("/health/live", () => TypedResults.Ok());

        var run = app.RunAsync();
        await Task.WhenAny(run, Task.Run(() => Console.In.ReadToEnd()));
        await app.StopAsync();
        return 0;
    }

    private sealed record SlotRequest(string? ContentType, long Length);
}

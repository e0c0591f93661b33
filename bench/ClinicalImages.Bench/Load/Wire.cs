using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ClinicalImages.Bench.Load;

/// <summary>
/// The load generator's one HTTP client: a single connection pool for every simulated browser (a thousand
/// HttpClients with cookie jars would cost the generator more than the product), cookies carried by hand.
/// </summary>
internal sealed class Wire : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 512,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, string? cookie, HttpContent? content, CancellationToken ct,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        // The product refuses a state-changing API call without the header its own pages send (forgery guard).
        if (url.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
        {
            request.Headers.Add("X-Requested-With", "ClinicalImages");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (content is not null)
                {
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                }
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await _client.SendAsync(request, ct);
    }

    public Task<HttpResponseMessage> PostJsonAsync(Uri url, string? cookie, string json, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, url, cookie, new StringContent(json, Encoding.UTF8, "application/json"), ct);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new BenchRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {Trim(body)}");
        }

        return await response.Content.ReadFromJsonElementAsync(ct);
    }

    /// <summary>The cookies a response sets, as a Cookie header value ("name=value; name2=value2").</summary>
    public static string Cookies(HttpResponseMessage response, string? existing = null)
    {
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (existing ?? string.Empty).Split("; ", StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            jar[pair[..eq]] = pair[(eq + 1)..];
        }

        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                jar[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        return string.Join("; ", jar.Select(kv => kv.Key + "=" + kv.Value));
    }

    private static string Trim(string body) => body.Length > 300 ? body[..300] + "…" : body;

    public void Dispose() => _client.Dispose();
}

internal static class JsonContentExtensions
{
    public static async Task<JsonElement> ReadFromJsonElementAsync(this HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        return document.RootElement.Clone();
    }
}

/// <summary>A request the product (or the baseline) answered with something else than the flow expects.</summary>
internal sealed class BenchRequestException : Exception
{
    public BenchRequestException()
    {
    }

    public BenchRequestException(string message)
        : base(message)
    {
    }

    public BenchRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

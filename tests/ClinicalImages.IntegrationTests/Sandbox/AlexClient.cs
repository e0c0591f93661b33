using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>An HttpClient set up as the gateway would call ALEX: bearer token and mt-facilityid on every request.</summary>
public sealed class AlexClient(HttpClient http) : IDisposable
{
    public const string FhirJson = "application/fhir+json";

    private static readonly FhirJsonSerializer Serializer = new();
    private static readonly FhirJsonDeserializer Deserializer = new();

    public HttpClient Http { get; } = http;

    public static async Task<AlexClient> CreateAsync(HttpClient http, string facilityId, string clientId, CancellationToken cancellationToken = default)
    {
        var token = await RequestTokenAsync(http, clientId, cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Add("mt-facilityid", facilityId);
        return new AlexClient(http);
    }

    public static async Task<string> RequestTokenAsync(
        HttpClient http, string clientId = Seeds.SandboxClient, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(new Uri(Seeds.TokenPath, UriKind.Relative), TokenForm(clientId), cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("access_token").GetString()!;
    }

    public static FormUrlEncodedContent TokenForm(
        string clientId = Seeds.SandboxClient, string secret = Seeds.Secret, string grantType = "client_credentials", string scope = Seeds.Scope) =>
        new(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["grant_type"] = grantType,
            ["scope"] = scope,
        });

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken = default) =>
        Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, Resource resource, CancellationToken cancellationToken = default) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), Content(resource), cancellationToken);

    public static StringContent Content(Resource resource) =>
        new(Serializer.SerializeToString(resource), Encoding.UTF8, FhirJson);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken = default)
        where T : Resource
    {
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        return Deserializer.Deserialize<T>(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => Http.Dispose();
}

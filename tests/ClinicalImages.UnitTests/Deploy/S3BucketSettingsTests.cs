using System.Text.Json;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.UnitTests.Deploy;

/// <summary>
/// The production bucket's settings (deploy/s3) are applied by hand or by infrastructure code, never by the app, and no
/// test server enforces them: so their essentials are checked here, where an edit that drops one fails a test.
/// </summary>
public sealed class S3BucketSettingsTests
{
    private const string Bucket = "CLINICAL-IMAGES-BUCKET";
    private const string SseHeader = "s3:x-amz-server-side-encryption";

    [Fact]
    public void Lifecycle_ExpiresEverythingUnderSessionsAfterOneDay()
    {
        using var lifecycle = Load("lifecycle.json");

        var rule = Assert.Single(EnabledRules(lifecycle), r => Prefix(r) == "sessions/");

        Assert.Equal(1, rule.GetProperty("Expiration").GetProperty("Days").GetInt32());
        Assert.False(rule.TryGetProperty("Filter", out var filter) && filter.TryGetProperty("And", out _), "no tag or size condition narrows the rule");
    }

    [Fact]
    public void Lifecycle_AbortsIncompleteMultipartUploadsAfterOneDayAcrossTheBucket()
    {
        using var lifecycle = Load("lifecycle.json");

        var rule = Assert.Single(EnabledRules(lifecycle), r => r.TryGetProperty("AbortIncompleteMultipartUpload", out _));

        Assert.Equal(string.Empty, Prefix(rule));
        Assert.Equal(1, rule.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());
    }

    [Fact]
    public void Policy_DeniesEveryRequestThatIsNotOverTls()
    {
        using var policy = Load("bucket-policy.json");

        var deny = Assert.Single(Statements(policy), s => Condition(s, "Bool", "aws:SecureTransport") is not null);

        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.True(IsEveryone(deny), "the TLS deny must apply to every principal");
        Assert.Contains("s3:*", Values(deny.GetProperty("Action")));
        Assert.Equal([$"arn:aws:s3:::{Bucket}", $"arn:aws:s3:::{Bucket}/*"], Values(deny.GetProperty("Resource")).Order(StringComparer.Ordinal));
        Assert.Equal(["false"], Condition(deny, "Bool", "aws:SecureTransport"));
    }

    [Fact]
    public void Policy_DeniesPutObjectWithoutServerSideEncryption()
    {
        using var policy = Load("bucket-policy.json");

        var deny = Assert.Single(Statements(policy), s => Condition(s, "Null", SseHeader) is not null);

        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.True(IsEveryone(deny), "the encryption deny must apply to every principal, the app's role included");
        Assert.Contains("s3:PutObject", Values(deny.GetProperty("Action")));
        Assert.Equal([$"arn:aws:s3:::{Bucket}/*"], Values(deny.GetProperty("Resource")));
        Assert.Equal(["true"], Condition(deny, "Null", SseHeader));
    }

    [Fact]
    public void Policy_AllowsNothingToEveryone()
    {
        using var policy = Load("bucket-policy.json");

        var statements = Statements(policy);

        Assert.NotEmpty(statements);
        Assert.DoesNotContain(statements, s => s.GetProperty("Effect").GetString() == "Allow" && IsEveryone(s));
    }

    [Fact]
    public void PublicAccessBlock_TurnsOnAllFourSettings()
    {
        using var block = Load("public-access-block.json");

        foreach (var setting in new[] { "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets" })
        {
            Assert.True(block.RootElement.GetProperty(setting).GetBoolean(), $"{setting} is off");
        }
    }

    [Fact]
    public void Cors_LetsOnlyTheWidgetsOriginPutAndGet()
    {
        using var cors = Load("cors.json");

        var rule = Assert.Single(cors.RootElement.GetProperty("CORSRules").EnumerateArray());

        var origin = Assert.Single(Values(rule.GetProperty("AllowedOrigins")));
        Assert.StartsWith("https://", origin, StringComparison.Ordinal);
        Assert.DoesNotContain("*", origin, StringComparison.Ordinal);
        Assert.Equal(["GET", "PUT"], Values(rule.GetProperty("AllowedMethods")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("*", Values(rule.GetProperty("AllowedHeaders")));
    }

    // Read from the store itself, so a header added to the upload slot without a CORS change fails here, not in a GP's browser.
    [Fact]
    public void Cors_AllowsEveryHeaderAnUploadSlotCarries()
    {
        using var cors = Load("cors.json");
        var rule = cors.RootElement.GetProperty("CORSRules")[0];

        var slot = S3UploadSlot();

        Assert.Contains(slot.Method, Values(rule.GetProperty("AllowedMethods")));
        Assert.Equal(["content-type", "x-amz-server-side-encryption"], slot.Headers.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal));
        Assert.Superset(
            slot.Headers.Keys.Select(k => k.ToLowerInvariant()).ToHashSet(),
            Values(rule.GetProperty("AllowedHeaders")).Select(h => h.ToLowerInvariant()).ToHashSet());
    }

    private static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "s3", name)));

    [Fact]
    public void Lifecycle_KeepsPatientRequestPhotosPastTheLongestRequest_ThenExpiresThem()
    {
        using var lifecycle = Load("lifecycle.json");

        var rule = Assert.Single(EnabledRules(lifecycle), r => Prefix(r) == "patient-requests/");

        // A request lives at most 7 days; the app deletes its folder then, and the rule is the backstop a day later.
        Assert.Equal(8, rule.GetProperty("Expiration").GetProperty("Days").GetInt32());
    }

    private static IEnumerable<JsonElement> EnabledRules(JsonDocument lifecycle) =>
        lifecycle.RootElement.GetProperty("Rules").EnumerateArray().Where(r => r.GetProperty("Status").GetString() == "Enabled");

    // The rule's prefix, from Filter (or the older top-level Prefix); an empty filter is the whole bucket.
    private static string Prefix(JsonElement rule) =>
        rule.TryGetProperty("Filter", out var filter)
            ? filter.TryGetProperty("Prefix", out var prefix) ? prefix.GetString()! : string.Empty
            : rule.TryGetProperty("Prefix", out var legacy) ? legacy.GetString()! : string.Empty;

    private static List<JsonElement> Statements(JsonDocument policy) => [.. policy.RootElement.GetProperty("Statement").EnumerateArray()];

    private static bool IsEveryone(JsonElement statement) =>
        statement.TryGetProperty("Principal", out var principal)
        && (principal.ValueKind == JsonValueKind.String
            ? principal.GetString() == "*"
            : principal.TryGetProperty("AWS", out var aws) && Values(aws).Contains("*"));

    private static List<string>? Condition(JsonElement statement, string op, string key) =>
        statement.TryGetProperty("Condition", out var condition) && condition.TryGetProperty(op, out var byKey) && byKey.TryGetProperty(key, out var value)
            ? Values(value)
            : null;

    // IAM and S3 accept a string or an array of strings in most places.
    private static List<string> Values(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? [.. element.EnumerateArray().Select(e => e.GetString()!)]
        : [element.GetString()!];

    private static UploadSlot S3UploadSlot()
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.S3,
            S3 = new S3StorageOptions { Region = "ap-southeast-2", Bucket = "clinical-images-test", AccessKeyId = "AKIDEXAMPLE", SecretAccessKey = "not-a-secret" },
        };
        using var s3 = S3ClientFactory.Create(options.S3);
        var store = new S3ImageStore(s3, Options.Create(options), TimeProvider.System, NullLogger<S3ImageStore>.Instance);
        return store.CreateUploadSlot("sessions/abc/images/def/upload", "image/jpeg", 1000, DateTimeOffset.UtcNow.AddMinutes(5));
    }
}

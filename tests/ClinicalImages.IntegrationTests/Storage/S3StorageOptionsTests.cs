using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>A wrong S3 setting stops start-up with a sentence that names it. (No S3 server needed: nothing gets that far.)</summary>
public sealed class S3StorageOptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:Region"] = "ap-southeast-2",
        ["Storage:S3:Bucket"] = "clinical-images-test",
    };

    public static TheoryData<string, string?, string> WrongSettings => new()
    {
        { "Storage:S3:Bucket", null, "Storage:S3:Bucket must be set when Storage:Provider is S3." },
        { "Storage:S3:Bucket", "Clinical_Images", "Storage:S3:Bucket must be an S3 bucket name" },
        { "Storage:S3:Region", null, "Storage:S3:Region must be set when Storage:Provider is S3" },
        { "Storage:S3:ServiceUrl", "127.0.0.1:4599", "Storage:S3:ServiceUrl must be an absolute http or https URL." },
        { "Storage:S3:ServerSideEncryption", "none", "Storage:S3:ServerSideEncryption must be AES256 or aws:kms" },
        { "Storage:S3:AccessKeyId", "AKIAEXAMPLE", "Storage:S3:AccessKeyId and Storage:S3:SecretAccessKey must be set together" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void Startup_WithAWrongS3Setting_StopsWithASentenceNamingIt(string key, string? value, string sentence)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        using var factory = new Configured(settings, secretsFile: null);

        var failure = Record.Exception(() => factory.Services);

        Assert.NotNull(failure);
        Assert.Contains(sentence, Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_WithTheS3SecretInASettingsFile_IsRefused()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("clinical-images-settings-").FullName, "appsettings.Local.json");
        File.WriteAllText(file, """{ "Storage": { "S3": { "AccessKeyId": "AKIAEXAMPLE", "SecretAccessKey": "not-in-a-file" } } }""");
        using var factory = new Configured(Valid, file);

        var failure = Record.Exception(() => factory.Services);

        Assert.NotNull(failure);
        Assert.Contains("Storage:S3:SecretAccessKey must come from the environment (Storage__S3__SecretAccessKey), not from a settings file.",
            Messages(failure), StringComparison.Ordinal);
        Assert.DoesNotContain("not-in-a-file", Messages(failure), StringComparison.Ordinal);
    }

    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    private sealed class Configured(IDictionary<string, string?> settings, string? secretsFile) : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (secretsFile is not null)
            {
                builder.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(secretsFile));
            }
        }
    }
}

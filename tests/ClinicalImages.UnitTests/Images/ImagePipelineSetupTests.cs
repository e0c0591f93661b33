using ClinicalImages.Web.Features.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.UnitTests.Images;

public sealed class ImagePipelineSetupTests
{
    [Fact]
    public void AddImagePipeline_BindsImagesSectionAndRegistersOnePipeline()
    {
        using var provider = Build(new() { ["Images:JpegQuality"] = "85", ["Images:ThumbnailLongEdge"] = "256" });

        var options = provider.GetRequiredService<IOptions<ImagePipelineOptions>>().Value;
        Assert.Equal(85, options.JpegQuality);
        Assert.Equal(256, options.ThumbnailLongEdge);
        Assert.Equal(30 * 1024 * 1024, options.MaxUploadBytes);
        Assert.Same(provider.GetRequiredService<ImagePipeline>(), provider.GetRequiredService<ImagePipeline>());
    }

    [Fact]
    public void AddImagePipeline_WhenSettingOutOfRange_FailsValidationNamingIt()
    {
        using var provider = Build(new() { ["Images:JpegQuality"] = "10" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImagePipelineOptions>>().Value);

        Assert.Contains(nameof(ImagePipelineOptions.JpegQuality), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_MatchTheDesign()
    {
        var options = new ImagePipelineOptions();

        Assert.Equal("Images", ImagePipelineOptions.SectionName);
        Assert.Equal(
            (30 * 1024 * 1024, 50_000_000, 12_000, 90, 400, 8 * 1024 * 1024, Math.Max(1, Environment.ProcessorCount - 1)),
            (options.MaxUploadBytes, options.MaxPixels, options.MaxDimension, options.JpegQuality, options.ThumbnailLongEdge,
                options.ScanMaxBytes, options.MaxConcurrency));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddImagePipeline();
        return services.BuildServiceProvider();
    }
}

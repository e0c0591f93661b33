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

        // The design's figures as literals: a changed default fails here, whatever the product's code says.
        Assert.Equal("Images", ImagePipelineOptions.SectionName);
        Assert.Equal(
            (30 * 1024 * 1024, 50_000_000, 12_000, 90, 400, 8 * 1024 * 1024),
            (options.MaxUploadBytes, options.MaxPixels, options.MaxDimension, options.JpegQuality, options.ThumbnailLongEdge,
                options.ScanMaxBytes));
        Assert.Equal(ImagePipelineOptions.ConcurrencyFor(Environment.ProcessorCount), options.MaxConcurrency);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    [InlineData(16, 15)]
    public void MaxConcurrency_ByDefault_LeavesOneCoreForRequests_AndIsNeverZero(int processors, int expected) =>
        Assert.Equal(expected, ImagePipelineOptions.ConcurrencyFor(processors));

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

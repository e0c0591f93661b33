using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Sessions;

public sealed class CaptureSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A session ends after this long without any desktop or phone action.</summary>
    [Range(1, 240)]
    public int IdleMinutes { get; set; } = 10;

    /// <summary>A session ends this long after launch, whatever happens.</summary>
    [Range(1, 24 * 60)]
    public int MaxMinutes { get; set; } = 120;

    /// <summary>A launch older than this (by ALEX's createdTime) is refused as stale.</summary>
    [Range(10, 3600)]
    public int LaunchMaxAgeSeconds { get; set; } = 300;

    /// <summary>How far in the future a launch's createdTime may be (clock drift between practice and us).</summary>
    [Range(0, 600)]
    public int LaunchClockSkewSeconds { get; set; } = 60;

    /// <summary>The most images one session holds.</summary>
    [Range(1, 500)]
    public int MaxImagesPerSession { get; set; } = 30;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan Max => TimeSpan.FromMinutes(MaxMinutes);
}

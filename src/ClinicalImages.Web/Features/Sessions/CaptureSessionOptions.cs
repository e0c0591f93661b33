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

    /// <summary>
    /// Activity is recorded at most this often per session: a request within this long of the last recorded activity
    /// only reads the session. So a session may end up to this much sooner than <see cref="IdleMinutes"/> after its
    /// very last request.
    /// </summary>
    [Range(0, 300)]
    public int TouchIntervalSeconds { get; set; } = 30;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan TouchInterval => TimeSpan.FromSeconds(TouchIntervalSeconds);

    public TimeSpan Max => TimeSpan.FromMinutes(MaxMinutes);
}

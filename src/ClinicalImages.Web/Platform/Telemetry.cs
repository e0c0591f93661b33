using System.Diagnostics.Metrics;

namespace ClinicalImages.Web.Platform;

/// <summary>The product's own metrics (meter "ClinicalImages"): what operators watch. No patient data in tags.</summary>
public sealed class Telemetry : IDisposable
{
    public const string MeterName = "ClinicalImages";

    private readonly Meter _meter;

    public Telemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        UploadsAccepted = _meter.CreateCounter<long>("clinical_images.uploads.accepted", description: "Photos checked, normalised and shown");
        UploadsRefused = _meter.CreateCounter<long>("clinical_images.uploads.refused", description: "Uploads refused (tag: reason)");
        Filed = _meter.CreateCounter<long>("clinical_images.filings.filed", description: "Photos filed in Medtech (tag: reconciled)");
        FilingFailed = _meter.CreateCounter<long>("clinical_images.filings.failed", description: "Photos not filed after their retries");
        FilingDuration = _meter.CreateHistogram<double>("clinical_images.filings.duration", "ms", "From the start of filing one photo to its outcome");
    }

    public Counter<long> UploadsAccepted { get; }

    public Counter<long> UploadsRefused { get; }

    public Counter<long> Filed { get; }

    public Counter<long> FilingFailed { get; }

    public Histogram<double> FilingDuration { get; }

    public void Dispose() => _meter.Dispose();
}

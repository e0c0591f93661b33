using System.Globalization;
using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Components;

namespace ClinicalImages.Web.Features.Widget;

public sealed partial class DetailsPanel
{
    private const string MixedValue = "__mixed";
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    private static readonly (string Value, string Words)[] Sides =
        [("left", "Left"), ("right", "Right"), ("bilateral", "Both sides"), ("not-applicable", "Not applicable")];

    private static readonly (string Value, string Words)[] ConsentChoices =
        [("", "Not recorded"), ("record-only", "Clinical record only"), ("teaching", "Also teaching"), ("publication", "Also publication")];

    /// <summary>The practice's time zone (Alex:ClinicalTimeZone), for when a consent was recorded.</summary>
    [Inject] private TimeZoneInfo ClinicalZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The photos being labelled: the selected ones that can still change.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ImageView> Targets { get; set; } = [];

    [Parameter, EditorRequired] public Func<string, string> NameOf { get; set; } = _ => "Photo";

    /// <summary>The details given last, offered for photos that have none.</summary>
    [Parameter] public LastDetails Last { get; set; } = LastDetails.None;

    [Parameter] public EventCallback<MetadataPatch> OnApply { get; set; }

    /// <summary>What the photos being labelled are, when they are a whole series ("Lesion A (3 photos)").</summary>
    [Parameter] public string? Scope { get; set; }

    private string Heading => Scope is not null ? $"Details of {Scope}" : Targets.Count switch
    {
        0 => "Details",
        1 => $"Details of {NameOf(Targets[0].Id)}",
        var n => $"Details of {n} selected photos",
    };

    private SharedValue<string> Site => SharedValue.Of<string>(Targets, m => m.BodySiteCode);

    private SharedValue<string> Side => SharedValue.Of<string>(Targets, m => m.Laterality);

    private SharedValue<string> View => SharedValue.Of<string>(Targets, m => m.View);

    private SharedValue<string> Kind => SharedValue.Of<string>(Targets, m => m.Classification);

    private SharedValue<string> Note => SharedValue.Of<string>(Targets, m => m.Note);

    private SharedValue<string> Consent => SharedValue.Of<string>(Targets, m => m.Consent);

    private SharedValue<bool> Sensitive => SharedValue.Of<bool>(Targets, m => m.Sensitive);

    private SharedValue<bool> Recognisable => SharedValue.Of<bool>(Targets, m => m.RecognisableFeatures);

    private Task Apply(string? bodySite = null, string? laterality = null, string? view = null, string? classification = null,
        string? note = null, string? consent = null, bool? sensitive = null, bool? recognisable = null) =>
        OnApply.InvokeAsync(new MetadataPatch(bodySite, null, laterality, view, classification, note, sensitive)
        {
            Consent = consent,
            RecognisableFeatures = recognisable,
        });

    private static string? Chosen(ChangeEventArgs e) => e.Value as string is var v && v == MixedValue ? null : v ?? string.Empty;

    private static string Words(string value) => char.ToUpperInvariant(value[0]) + value[1..].Replace('-', ' ');

    private string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ClinicalZone).ToString("d MMM yyyy, h:mm tt", NewZealand);
}

namespace ClinicalImages.Web.Features.Images;

/// <summary>A body structure: SNOMED CT code and the words a GP reads.</summary>
public sealed record BodySite(string Code, string Display);

/// <summary>
/// Common body structures (SNOMED CT, international core concepts used by the NZ edition), short enough for the
/// phone's picker. The desktop's searchable list extends it.
/// </summary>
public static class BodySites
{
    public static readonly IReadOnlyList<BodySite> Common =
    [
        new("69536005", "Head"),
        new("41695006", "Scalp"),
        new("89545001", "Face"),
        new("45048000", "Neck"),
        new("51185008", "Chest"),
        new("113345001", "Abdomen"),
        new("77568009", "Back"),
        new("53120007", "Arm"),
        new("85562004", "Hand"),
        new("61685007", "Leg"),
        new("72696002", "Knee"),
        new("56459004", "Foot"),
    ];

    public static BodySite? Find(string? code) => Common.FirstOrDefault(s => s.Code == code);
}

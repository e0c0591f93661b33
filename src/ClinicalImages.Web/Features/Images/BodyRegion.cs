namespace ClinicalImages.Web.Features.Images;

/// <summary>Where a body site is listed in the picker.</summary>
public enum BodyRegion
{
    HeadAndNeck,
    Trunk,
    ArmAndHand,
    LegAndFoot,
    General,
}

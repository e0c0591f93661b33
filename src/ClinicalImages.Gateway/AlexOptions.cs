namespace ClinicalImages.Gateway;

public sealed class AlexOptions
{
    public const string SectionName = "Alex";
}

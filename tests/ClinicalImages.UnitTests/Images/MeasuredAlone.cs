namespace ClinicalImages.UnitTests.Images;

/// <summary>Tests that measure memory run alone, after the parallel ones, so nobody else's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}

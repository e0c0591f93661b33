using ClinicalImages.Web.Features.Series;

namespace ClinicalImages.UnitTests.Series;

public sealed class SeriesPlannerTests
{
    [Fact]
    public void Split_KeepsNeighboursTogether_InOrder_TheEarlierPartsOneLonger()
    {
        var parts = SeriesPlanner.Split(["a", "b", "c", "d", "e"], 2);

        Assert.Equal(["a", "b", "c"], parts[0]);
        Assert.Equal(["d", "e"], parts[1]);
    }

    [Theory]
    [InlineData(new[] { 3.0, 3.0, 3.0 }, 10.0, 1)]
    [InlineData(new[] { 3.0, 3.0, 3.0, 3.0 }, 10.0, 2)]
    [InlineData(new[] { 6.0, 6.0, 6.0 }, 10.0, 3)]
    [InlineData(new[] { 12.0, 1.0 }, 10.0, 2)]
    public void PartsFor_IsTheFewestEvenPartsThatEachFitTheBudget(double[] sizes, double budget, int expected) =>
        Assert.Equal(expected, SeriesPlanner.PartsFor(sizes, budget));

    [Theory]
    [InlineData("Lesion A", "Lesion B")]
    [InlineData("Wound 1", "Wound 2")]
    [InlineData("Mole", "Mole 2")]
    [InlineData("Lesion Z", "Lesion Z 2")]
    public void NextName_SuggestsTheNextInTheGpsOwnScheme(string name, string next) =>
        Assert.Equal(next, SeriesService.NextName(name));
}

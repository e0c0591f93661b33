using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Widget;

public sealed class BodySitesTests
{
    [Fact]
    public void List_HasAboutSixtySitesWithUniqueSnomedCodesAndNames()
    {
        Assert.InRange(BodySites.All.Count, 55, 80);
        Assert.All(BodySites.All, s => Assert.Matches("^[1-9][0-9]{5,17}$", s.Code));
        Assert.Equal(BodySites.All.Count, BodySites.All.Select(s => s.Code).Distinct().Count());
        Assert.Equal(BodySites.All.Count, BodySites.All.Select(s => s.Display).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void PhoneList_IsDrawnFromTheCheckedList()
    {
        Assert.All(BodySites.Common, s => Assert.Same(s, BodySites.Find(s.Code)));
        Assert.Equal("Hand", BodySites.Find("85562004")!.Display);
    }

    [Theory]
    [InlineData("forearm", new[] { "14975008" })]
    [InlineData("big toe", new[] { "78883009" })]
    [InlineData("SCALP", new[] { "43067004" })]
    [InlineData("1497", new[] { "14975008" })]
    public void Search_MatchesEveryWordInNameOrTerm(string query, string[] codes) =>
        Assert.Equal(codes, BodySites.Search(query).Select(s => s.Code));
}

using Bunit;
using ClinicalImages.Web.Features.Widget;
using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.UnitTests.Widget;

public sealed class DetailsPanelTests : BunitContext
{
    private readonly List<MetadataPatch> _patches = [];

    public DetailsPanelTests() => Services.AddSingleton(TimeZoneInfo.Utc);

    private IRenderedComponent<DetailsPanel> RenderPanel(IReadOnlyList<ImageView> targets, LastDetails? last = null) =>
        Render<DetailsPanel>(p => p
            .Add(d => d.Targets, targets)
            .Add(d => d.NameOf, id => $"Photo {id}")
            .Add(d => d.Last, last ?? LastDetails.None)
            .Add(d => d.OnApply, EventCallback.Factory.Create<MetadataPatch>(this, _patches.Add)));

    [Fact]
    public void BodySite_ChosenOnceForTwoPhotos_IsOnePatchWithTheCodeFromTheList()
    {
        var cut = RenderPanel([Photos.Ready("1"), Photos.Ready("2")]);

        cut.Find("#body-site-input").Change("forearm");

        Assert.Equal("Details of 2 selected photos", cut.Find("h2").TextContent);
        var patch = Assert.Single(_patches);
        Assert.Equal("14975008", patch.BodySiteCode);
        Assert.Null(patch.Laterality);
    }

    [Fact]
    public void BodySite_WordsMatchingSeveralSites_AskToChooseAndApplyNothing()
    {
        var cut = RenderPanel([Photos.Ready("1")]);

        cut.Find("#body-site-input").Change("toe");

        Assert.Empty(_patches);
        Assert.Contains("choose one from the list", cut.Find("#body-site-help").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Side_WhenThePhotosDisagree_ShowsMixedAndNoChoice()
    {
        var cut = RenderPanel([Photos.Ready("1", Photos.Site("14975008", "left")), Photos.Ready("2", Photos.Site("14975008", "right"))]);

        Assert.Empty(cut.FindAll("input[name=laterality][checked]"));
        Assert.Contains("Mixed", cut.Find("fieldset").TextContent, StringComparison.Ordinal);
        Assert.Equal("Forearm", cut.Find("#body-site-input").GetAttribute("value"));

        cut.Find("input[name=laterality][value=bilateral]").Change(true);
        Assert.Equal("bilateral", Assert.Single(_patches).Laterality);
    }

    [Fact]
    public void LastDetails_AreOfferedForAPhotoWithoutAny_AndApplyInOneClick()
    {
        var last = LastDetails.None.With(new MetadataPatch("14975008", null, "left", "close-up", null, "a note", null));
        var cut = RenderPanel([Photos.Ready("1")], last);

        var offer = cut.Find("button.same");
        Assert.Contains("Forearm · left · close-up", offer.TextContent, StringComparison.Ordinal);
        offer.Click();

        var patch = Assert.Single(_patches);
        Assert.Equal(("14975008", "left", "close-up"), (patch.BodySiteCode, patch.Laterality, patch.View));
        Assert.Null(patch.Note);
    }

    [Fact]
    public void LastDetails_AreNotOfferedForAPhotoThatHasItsOwn()
    {
        var last = LastDetails.None.With(new MetadataPatch("14975008", null, "left", null, null, null, null));

        var cut = RenderPanel([Photos.Ready("1", Photos.Site("85562004"))], last);

        Assert.Empty(cut.FindAll("button.same"));
    }

    [Fact]
    public void Consent_ShowsWhoRecordedItAndWhen()
    {
        var recorded = new ImageMetadata
        {
            Consent = "teaching",
            ConsentRecordedBy = "Dr Anna Whitfield",
            ConsentRecordedAt = new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero),
        };

        var cut = RenderPanel([Photos.Ready("1", recorded)]);

        Assert.True(cut.Find("input[name=consent][value=teaching]").HasAttribute("checked"));
        Assert.Contains("Recorded by Dr Anna Whitfield, 4 Mar 2026", cut.Find(".recorded").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingSelected_AsksToSelectPhotos()
    {
        var cut = RenderPanel([]);

        Assert.Empty(cut.FindAll("#body-site-input"));
        Assert.Contains("Select photos", cut.Markup, StringComparison.Ordinal);
    }
}

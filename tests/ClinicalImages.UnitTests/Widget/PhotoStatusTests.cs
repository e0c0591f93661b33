using Bunit;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Widget;

namespace ClinicalImages.UnitTests.Widget;

/// <summary>One vocabulary: a photo's card, the footer's count and the save button say the same thing in the same words.</summary>
public sealed class PhotoStatusTests : BunitContext
{
    private static readonly ImageMetadata Forearm = Photos.Site("14975008", "left");

    public PhotoStatusTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./Features/Widget/Gallery.razor.js");
    }

    /// <summary>Each status of a selected photo: what its card, the footer and the button say.</summary>
    public static TheoryData<string, bool, string, string, string> Statuses() => new()
    {
        { "ready", true, "Ready to save", "1 ready to save.", "Save 1 photo to Medtech" },
        { "ready", false, "Ready to save · no details yet", "1 ready to save (1 without details).", "Save 1 photo to Medtech (1 without details)" },
        { "filing", true, "Saving to Medtech…", "1 saving to Medtech.", "Save 0 photos to Medtech" },
        { "filed", true, "Saved to Medtech", "1 saved to Medtech.", "Save 0 photos to Medtech" },
        { "failed", true, "Not saved", "1 not saved.", "Save 1 photo to Medtech" },
        { "failed", false, "Not saved", "1 not saved.", "Save 1 photo to Medtech (1 without details)" },
        { "unclear", true, "Unclear whether Medtech has it", "1 unclear whether Medtech has it.", "Save 0 photos to Medtech" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void CardFooterAndButton_SayTheSameThing(string status, bool withDetails, string card, string footer, string button)
    {
        var photo = Photos.Ready("a", withDetails ? Forearm : null, status);
        IReadOnlyList<ImageView> images = [photo];
        IReadOnlyList<ImageView> targets = [.. images.Where(PhotoStatus.CanSave)];

        var gallery = Render<Gallery>(p => p.Add(g => g.Images, images).Add(g => g.Pending, []).Add(g => g.Selected, new HashSet<string> { "a" }));
        var panel = Render<FilingPanel>(p => p.Add(f => f.Targets, targets).Add(f => f.Summary, PhotoStatus.Summary(images)));

        var cardSays = gallery.Find("[data-testid='photo-status']").TextContent;
        var footerSays = panel.Find(".summary").TextContent;
        var buttonSays = panel.Find("button.save").TextContent.Trim();
        Assert.Equal((card, footer, button), (cardSays, footerSays, buttonSays));

        // The footer counts the photo in its card's words; without details is said on all three, or on none.
        var words = cardSays.Split(" · ")[0].TrimEnd('…');
        Assert.Contains(words, footerSays, StringComparison.OrdinalIgnoreCase);
        var bare = !PhotoStatus.HasDetails(photo);
        Assert.Equal(bare && status == "ready", cardSays.EndsWith(PhotoStatus.NoDetails, StringComparison.Ordinal));
        Assert.Equal(bare && status == "ready", footerSays.Contains("without details", StringComparison.Ordinal));
        Assert.Equal(bare && PhotoStatus.CanSave(photo), buttonSays.Contains("without details", StringComparison.Ordinal));
        Assert.Equal(targets.Count == 0, panel.Find("button.save").HasAttribute("disabled"));
    }

    [Fact]
    public void Footer_CountsEveryPhotoOnce_InTheOrderTheyGo()
    {
        IReadOnlyList<ImageView> images =
        [
            Photos.Ready("a", Forearm, "filed"), Photos.Ready("b", Forearm), Photos.Ready("c"), Photos.Ready("d", Forearm, "failed"),
            Photos.Ready("e", Forearm, "filing"),
        ];

        Assert.Equal("1 saved to Medtech · 1 saving to Medtech · 2 ready to save (1 without details) · 1 not saved.", PhotoStatus.Summary(images));
        Assert.Equal("No photos yet.", PhotoStatus.Summary([]));
    }

    [Fact]
    public void Card_WithoutDetails_SaysSoOnce_AndAViewOrSensitiveMarkCountsAsDetails()
    {
        IReadOnlyList<ImageView> images = [Photos.Ready("a"), Photos.Ready("b", new ImageMetadata { View = "close-up", Sensitive = true })];

        var gallery = Render<Gallery>(p => p.Add(g => g.Images, images).Add(g => g.Pending, []).Add(g => g.Selected, new HashSet<string>()));

        var bare = gallery.Find(".card[data-image-id='a']");
        Assert.Equal("Ready to save · no details yet", bare.QuerySelector("[data-testid='photo-status']")!.TextContent);
        Assert.Empty(bare.QuerySelectorAll(".site"));
        var viewed = gallery.Find(".card[data-image-id='b']");
        Assert.Equal("Ready to save", viewed.QuerySelector("[data-testid='photo-status']")!.TextContent);
        Assert.Equal("close-up · sensitive", viewed.QuerySelector(".site")!.TextContent);
        Assert.Equal("2 ready to save (1 without details).", PhotoStatus.Summary(images));
    }

    [Fact]
    public void Button_CountsOnlyThePhotosItSends()
    {
        IReadOnlyList<ImageView> targets = [Photos.Ready("b", Forearm), Photos.Ready("c"), Photos.Ready("d")];

        Assert.Equal("Save 3 photos to Medtech (2 without details)", PhotoStatus.SaveButton(targets));
    }
}

using Bunit;
using ClinicalImages.Web.Features.Widget;
using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Components;

namespace ClinicalImages.UnitTests.Widget;

public sealed class GalleryTests : BunitContext
{
    private readonly List<string> _toggled = [];
    private readonly List<string> _opened = [];
    private readonly List<string> _removed = [];

    public GalleryTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./Features/Widget/Gallery.razor.js");
    }

    private IRenderedComponent<Gallery> RenderGallery(IReadOnlyList<ImageView> images, IReadOnlyList<PendingUpload>? pending = null,
        IReadOnlySet<string>? selected = null) =>
        Render<Gallery>(p => p
            .Add(g => g.Images, images)
            .Add(g => g.Pending, pending ?? [])
            .Add(g => g.Selected, selected ?? new HashSet<string>())
            .Add(g => g.OnToggle, EventCallback.Factory.Create<string>(this, id => _toggled.Add(id)))
            .Add(g => g.OnOpen, EventCallback.Factory.Create<string>(this, id => _opened.Add(id)))
            .Add(g => g.OnRemove, EventCallback.Factory.Create<string>(this, id => _removed.Add(id))));

    private static IReadOnlyList<ImageView> Four() => [Photos.Ready("a"), Photos.Ready("b"), Photos.Ready("c"), Photos.Ready("d")];

    [Fact]
    public void FirstCard_IsTheOnlyOneInTheTabOrder()
    {
        var cut = RenderGallery(Four());

        var tabIndexes = cut.FindAll(".card").Select(c => c.GetAttribute("tabindex")).ToList();

        Assert.Equal(["0", "-1", "-1", "-1"], tabIndexes);
    }

    [Fact]
    public void ArrowRight_MovesFocusToTheNextPhoto()
    {
        var cut = RenderGallery(Four());

        cut.Find(".card[data-image-id='a']").KeyDown("ArrowRight");

        Assert.Equal("0", cut.Find(".card[data-image-id='b']").GetAttribute("tabindex"));
        Assert.Equal("-1", cut.Find(".card[data-image-id='a']").GetAttribute("tabindex"));
        JSInterop.VerifyFocusAsyncInvoke();
    }

    [Fact]
    public void ArrowDown_MovesAWholeRowOfTheMeasuredGrid()
    {
        var cut = RenderGallery(Four());
        cut.InvokeAsync(() => cut.Instance.SetColumns(2));

        cut.Find(".card[data-image-id='a']").KeyDown("ArrowDown");

        Assert.Equal("0", cut.Find(".card[data-image-id='c']").GetAttribute("tabindex"));
    }

    [Fact]
    public void Space_SelectsThePhoto_AndEnterOpensIt()
    {
        var cut = RenderGallery(Four());

        cut.Find(".card[data-image-id='b']").KeyDown(" ");
        cut.Find(".card[data-image-id='c']").KeyDown("Enter");

        Assert.Equal(["b"], _toggled);
        Assert.Equal(["c"], _opened);
    }

    [Fact]
    public void Delete_AsksToRemoveThePhoto_ButNotOneInMedtech()
    {
        var cut = RenderGallery([Photos.Ready("a"), Photos.Ready("b", status: "filed")]);

        cut.Find(".card[data-image-id='a']").KeyDown("Delete");
        cut.Find(".card[data-image-id='b']").KeyDown("Delete");
        cut.Find(".card[data-image-id='b']").KeyDown(" ");

        Assert.Equal(["a"], _removed);
        Assert.Empty(_toggled);
    }

    [Fact]
    public void Cards_SayEachPhotosStatus()
    {
        var cut = RenderGallery(
        [
            Photos.Ready("a"), Photos.Ready("b", Photos.Site("14975008")), Photos.Ready("c", status: "filing"),
            Photos.Ready("d", status: "filed"), Photos.Ready("e", status: "failed"),
        ], [new PendingUpload("u1", "IMG_0001.jpg", null) { Phase = UploadPhase.Uploading, Percent = 40 }]);

        var labels = cut.FindAll(".card").Select(c => (c.GetAttribute("data-label"), c.QuerySelector(".status")!.TextContent)).ToList();

        Assert.Equal(
        [
            ("no-details", "Ready to save · no details yet"), ("ready", "Ready to save"), ("filing", "Saving to Medtech…"),
            ("filed", "Saved to Medtech"), ("failed", "Not saved"), ("uploading", "Uploading 40%"),
        ], labels);
    }

    [Fact]
    public void EmptyGallery_SaysWhatToDo_UntilAPhotoIsOnItsWay()
    {
        var empty = RenderGallery([]);
        var hint = empty.Find("[data-testid='first-run-hint']").TextContent;

        Assert.Contains("Camera", hint, StringComparison.Ordinal);
        Assert.Contains("Add photos", hint, StringComparison.Ordinal);
        Assert.Contains("drop or paste", hint, StringComparison.Ordinal);
        Assert.Contains("Use your phone", hint, StringComparison.Ordinal);
        var sending = RenderGallery([], [new PendingUpload("u1", "IMG_0001.jpg", null) { Phase = UploadPhase.Uploading, Percent = 5 }]);
        Assert.Empty(sending.FindAll("[data-testid='first-run-hint']"));
    }

    [Fact]
    public void SelectedPhoto_IsMarkedAndSaysSoToScreenReaders()
    {
        var cut = RenderGallery(Four(), selected: new HashSet<string> { "b" });

        var card = cut.Find(".card[data-image-id='b']");

        Assert.Contains("selected", card.ClassList);
        Assert.EndsWith(", selected", card.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.True(card.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));
    }
}

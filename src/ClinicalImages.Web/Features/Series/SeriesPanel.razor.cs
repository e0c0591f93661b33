using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Components;

namespace ClinicalImages.Web.Features.Series;

/// <summary>The widget's series: each change is saved at once through <see cref="SeriesService"/>, which says what is wrong.</summary>
public sealed partial class SeriesPanel
{
    private List<Shown> _series = [];
    private string? _name;
    private string? _problem;

    [Inject] private SeriesService Service { get; set; } = default!;

    [Parameter, EditorRequired] public CaptureSession Session { get; set; } = default!;

    /// <summary>The gallery's photos (a change to them is when the series are read again).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ImageView> Images { get; set; } = [];

    [Parameter, EditorRequired] public IReadOnlySet<string> Selected { get; set; } = new HashSet<string>();

    [Parameter, EditorRequired] public Func<string, string> NameOf { get; set; } = _ => "Photo";

    /// <summary>Selects exactly these photos: the details panel then labels the whole series.</summary>
    [Parameter] public EventCallback<IReadOnlyList<string>> OnSelect { get; set; }

    /// <summary>Selected photos that can join a series: ready (or not saved last time), in no series yet, in gallery order.</summary>
    private List<string> Choosable =>
        [.. Images.Where(i => Selected.Contains(i.Id) && i.Status is "ready" or "failed" && _series.All(s => !s.View.Photos.Any(p => p.ImageId == i.Id)))
            .Select(i => i.Id)];

    /// <summary>"Lesion A", "Wound 1" and the next of each kind not yet used.</summary>
    private IEnumerable<string> Suggestions
    {
        get
        {
            var used = _series.Select(s => s.View.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var start in new[] { "Lesion A", "Wound 1", "Rash 1" })
            {
                var name = start;
                while (used.Contains(name))
                {
                    name = SeriesService.NextName(name);
                }

                yield return name;
            }
        }
    }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var shown = new List<Shown>();
        foreach (var series in await Service.ListAsync(Session, CancellationToken.None))
        {
            shown.Add(new Shown(await Service.ViewAsync(Session, series, CancellationToken.None), series.CanChange));
        }

        _series = shown;
    }

    private async Task CreateAsync()
    {
        var photos = Choosable.Select(id => new SeriesPhotoRequest(id, SeriesRoles.Other)).ToList();
        if (await TryAsync(() => Service.CreateAsync(Session, new SeriesRequest(_name, photos), CancellationToken.None)))
        {
            _name = null;
        }
    }

    private Task SetRoleAsync(Shown series, string imageId, string? role) =>
        ChangeAsync(series, [.. series.View.Photos.Select(p => p.ImageId == imageId ? p with { Role = role ?? SeriesRoles.Other } : p)]);

    private Task MoveAsync(Shown series, int index, int step)
    {
        var photos = series.View.Photos.ToList();
        (photos[index], photos[index + step]) = (photos[index + step], photos[index]);
        return ChangeAsync(series, photos);
    }

    private Task TakeOutAsync(Shown series, string imageId) =>
        ChangeAsync(series, [.. series.View.Photos.Where(p => p.ImageId != imageId)]);

    private async Task ChangeAsync(Shown series, IReadOnlyList<SeriesPhoto> photos) =>
        await TryAsync(() => Service.UpdateAsync(Session, series.View.Id,
            new SeriesPatch(null, [.. photos.Select(p => new SeriesPhotoRequest(p.ImageId, p.Role))]), CancellationToken.None));

    private async Task DeleteAsync(Shown series) =>
        await TryAsync(async () =>
        {
            await Service.DeleteAsync(Session, series.View.Id, CancellationToken.None);
            return true;
        });

    private async Task<bool> TryAsync<T>(Func<Task<T>> change)
    {
        try
        {
            await change();
            _problem = null;
            return true;
        }
        catch (ImageProblemException ex)
        {
            _problem = ex.Message;
            return false;
        }
        finally
        {
            await LoadAsync();
        }
    }

    private static string StateWords(SeriesView view) => view.Status switch
    {
        "filed" => view.ExpectedParts > 1 ? $"Saved to Medtech in {view.ExpectedParts} parts." : "Saved to Medtech as one document.",
        "filing" => "Saving to Medtech…",
        "failed" => "Not saved: " + (view.Problem ?? "Medtech did not accept it.") + " Save it again to send what is missing.",
        "unclear" => "Unclear whether Medtech has part of it: look in the Medtech Inbox, then answer on its photos.",
        _ when view.ExpectedParts > 1 =>
            $"Too big for one Medtech document: expected to be saved in {view.ExpectedParts} parts (“{view.Name}, part 1 of {view.ExpectedParts}”, …).",
        _ => "Will be saved to Medtech as one document, pages in this order.",
    };

    private sealed record Shown(SeriesView View, bool CanChange);
}

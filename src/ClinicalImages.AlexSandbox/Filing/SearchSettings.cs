namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>How a facility's DocumentReference and Media searches behave; what UAT practices are reported to differ in.</summary>
internal sealed record SearchSettings(bool Refuse, int PageSize, SortHandling Sort, bool WithoutIdentifier)
{
    /// <summary>The largest <c>_count</c> the sandbox honours by default.</summary>
    public const int MaxPageSize = 100;

    public static readonly SearchSettings Default = new(Refuse: false, PageSize: MaxPageSize, Sort: SortHandling.Honoured, WithoutIdentifier: false);
}

/// <summary>What the facility's search does with <c>_sort=-date</c> (DocumentReference) or <c>_sort=-created</c> (Media).</summary>
internal enum SortHandling
{
    /// <summary>Newest first.</summary>
    Honoured,

    /// <summary>Accepted and ignored: the order stays the store's, oldest first.</summary>
    Ignored,

    /// <summary>Refused with 403 "Authorization failed.", as ALEX answers a query shape it does not support.</summary>
    Refused,
}

/// <summary>The search settings per facility; a facility not set behaves as <see cref="SearchSettings.Default"/>.</summary>
internal sealed class SearchSettingsStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SearchSettings> _settings = new(StringComparer.OrdinalIgnoreCase);

    public SearchSettings For(string facilityId)
    {
        lock (_gate)
        {
            return _settings.GetValueOrDefault(facilityId, SearchSettings.Default);
        }
    }

    public void Set(string facilityId, SearchSettings settings)
    {
        lock (_gate)
        {
            if (settings == SearchSettings.Default)
            {
                _settings.Remove(facilityId);
            }
            else
            {
                _settings[facilityId] = settings;
            }
        }
    }
}

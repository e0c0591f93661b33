namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// What has been filed, in memory: the sandbox's stand-in for the practice's Inbox. Writes are not
/// deduplicated, because ALEX does not deduplicate either; a double filing must stay visible.
/// </summary>
internal sealed class FiledStore
{
    private readonly Lock _gate = new();
    private readonly List<FiledResource> _filed = [];

    public void Add(FiledResource resource)
    {
        lock (_gate)
        {
            _filed.Add(resource);
        }
    }

    public FiledResource? Find(string resourceType, string id)
    {
        lock (_gate)
        {
            return _filed.Find(f =>
                string.Equals(f.ResourceType, resourceType, StringComparison.OrdinalIgnoreCase) && f.Id == id);
        }
    }

    /// <summary>Filed resources, oldest first, narrowed by whichever filters are given.</summary>
    public IReadOnlyList<FiledResource> Query(string? resourceType = null, string? facilityId = null, Func<FiledResource, bool>? where = null)
    {
        lock (_gate)
        {
            return
            [
                .. _filed.Where(f =>
                    (resourceType is null || string.Equals(f.ResourceType, resourceType, StringComparison.OrdinalIgnoreCase))
                    && (facilityId is null || string.Equals(f.FacilityId, facilityId, StringComparison.OrdinalIgnoreCase))
                    && (where is null || where(f))),
            ];
        }
    }

    public int Clear()
    {
        lock (_gate)
        {
            var count = _filed.Count;
            _filed.Clear();
            return count;
        }
    }
}

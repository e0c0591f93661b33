using System.Collections.Concurrent;

namespace ClinicalImages.Gateway;

/// <summary>What ALEX answered when we asked to read back our filings at one facility.</summary>
public enum ReadBackAccess
{
    /// <summary>Not asked yet (no unclear filing there since start-up, or the last answer is older than an hour).</summary>
    Unknown,

    /// <summary>The search answered with our identifiers: an unclear filing can be settled by searching.</summary>
    Permitted,

    /// <summary>403: the read role is not granted. Unclear filings are left to the GP.</summary>
    Refused,

    /// <summary>The search shape is not supported, or answers without our identifiers. Unclear filings are left to the GP.</summary>
    Unsupported,
}

/// <summary>One facility's read-back, as learnt: the search's answer, whether ALEX took newest first, and the read roles the token carried.</summary>
public sealed record ReadBackStatus(string FacilityId, ReadBackAccess Access, bool NewestFirst, IReadOnlyList<string>? TokenReadRoles, DateTimeOffset LearntAt);

/// <summary>
/// Whether reconcile reads are permitted, learnt once per facility from the first search's answer (and the token's
/// roles, where the token shows them) and kept for an hour, so a role Medtech grants later is noticed. Read by
/// <c>/health/ready</c>; never holds a patient identifier.
/// </summary>
public sealed class ReadBackPermissions(TimeProvider time)
{
    /// <summary>How long a learnt answer is trusted before the next unclear filing asks again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, ReadBackStatus> _learnt = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The facility's answer while it is fresh, else null.</summary>
    public ReadBackStatus? For(string facilityId) =>
        _learnt.TryGetValue(facilityId, out var status) && time.GetUtcNow() - status.LearntAt < Lifetime ? status : null;

    public IReadOnlyList<ReadBackStatus> All => [.. _learnt.Values.OrderBy(s => s.FacilityId, StringComparer.Ordinal)];

    internal ReadBackStatus Learn(string facilityId, ReadBackAccess access, bool newestFirst, IReadOnlyList<string>? tokenReadRoles)
    {
        var status = new ReadBackStatus(facilityId, access, newestFirst, tokenReadRoles, time.GetUtcNow());
        _learnt[facilityId] = status;
        return status;
    }
}

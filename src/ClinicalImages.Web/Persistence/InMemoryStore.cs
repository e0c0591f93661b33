using System.Collections.Concurrent;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Series;
using ClinicalImages.Web.Features.PatientRequests;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Persistence;

/// <summary>The single-process session store. Expiry is checked on every read against the injected clock.</summary>
internal sealed class InMemoryStore(IOptions<CaptureSessionOptions> options, TimeProvider time)
    : IProductStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _launches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string SessionId, DateTimeOffset ExpiresAt)> _handoffs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PatientRequest> _requests = new(StringComparer.Ordinal);

    public Task CreateAsync(CaptureSession session, CancellationToken cancellationToken)
    {
        if (!_sessions.TryAdd(session.Id, new Entry(session)))
        {
            throw new InvalidOperationException("A session with this id exists already.");
        }

        return Task.CompletedTask;
    }

    public Task<CaptureSession?> GetAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(Live(sessionId)?.Session);

    public Task<CaptureSession?> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(sessionId, s => s.TouchedAt(now, options.Value.TouchInterval), cancellationToken);

    public Task<CaptureSession?> UpdateAsync(string sessionId, Func<CaptureSession, CaptureSession?> change, CancellationToken cancellationToken)
    {
        var entry = Live(sessionId);
        if (entry is null)
        {
            return Task.FromResult<CaptureSession?>(null);
        }

        lock (entry)
        {
            entry.Session = change(entry.Session) ?? entry.Session;
            return Task.FromResult<CaptureSession?>(entry.Session);
        }
    }

    public Task StoreHandoffAsync(string tokenHash, string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var old in _handoffs.Where(h => h.Value.ExpiresAt < now).Select(h => h.Key).ToList())
        {
            _handoffs.TryRemove(old, out _);
        }

        _handoffs[tokenHash] = (sessionId, expiresAt);
        return Task.CompletedTask;
    }

    public Task<string?> RedeemHandoffAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(_handoffs.TryRemove(tokenHash, out var handoff) && handoff.ExpiresAt > time.GetUtcNow() ? handoff.SessionId : null);

    public Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            entry.Ended = true;
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryUseLaunchAsync(string fingerprint, TimeSpan remember, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var old in _launches.Where(l => l.Value < now).Select(l => l.Key).ToList())
        {
            _launches.TryRemove(old, out _);
        }

        return Task.FromResult(_launches.TryAdd(fingerprint, now + remember));
    }

    public Task SaveImageAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        if (Live(image.SessionId) is { } entry)
        {
            entry.Images[image.Id] = image;
        }

        return Task.CompletedTask;
    }

    public Task<ImageRecord?> GetImageAsync(string sessionId, string imageId, CancellationToken cancellationToken) =>
        Task.FromResult(Live(sessionId) is { } entry && entry.Images.TryGetValue(imageId, out var image) ? image : null);

    public Task<IReadOnlyList<ImageRecord>> ListImagesAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImageRecord>>(
            Live(sessionId) is { } entry ? [.. entry.Images.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)] : []);

    public Task DeleteImageAsync(string sessionId, string imageId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            entry.Images.TryRemove(imageId, out _);
        }

        return Task.CompletedTask;
    }

    public Task SaveCommitAsync(CommitJob job, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(job.SessionId, out var entry))
        {
            entry.Commits[job.Id] = job;
        }

        return Task.CompletedTask;
    }

    public Task SaveCommitItemAsync(string sessionId, string commitId, CommitItem item, CancellationToken cancellationToken)
    {
        // Compare-and-swap on this one commit: concurrent images of the commit never lose each other's progress.
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            while (entry.Commits.TryGetValue(commitId, out var job))
            {
                if (entry.Commits.TryUpdate(commitId, job.With(item), job))
                {
                    break;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<CommitJob?> GetCommitAsync(string sessionId, string commitId, CancellationToken cancellationToken) =>
        Task.FromResult(Live(sessionId) is { } entry && entry.Commits.TryGetValue(commitId, out var job) ? job : null);

    public Task SaveSeriesAsync(PhotoSeries series, CancellationToken cancellationToken)
    {
        if (Live(series.SessionId) is { } entry)
        {
            entry.Series[series.Id] = series;
        }

        return Task.CompletedTask;
    }

    public Task<PhotoSeries?> GetSeriesAsync(string sessionId, string seriesId, CancellationToken cancellationToken) =>
        Task.FromResult(Live(sessionId) is { } entry && entry.Series.TryGetValue(seriesId, out var series) ? series : null);

    public Task<IReadOnlyList<PhotoSeries>> ListSeriesAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PhotoSeries>>(
            Live(sessionId) is { } entry ? [.. entry.Series.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)] : []);

    public Task DeleteSeriesAsync(string sessionId, string seriesId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            entry.Series.TryRemove(seriesId, out _);
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryAcquireFilingLeaseAsync(string imageId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var taken = _leases.AddOrUpdate(imageId, _ => (owner, now + lease),
            (_, held) => held.Owner == owner || held.ExpiresAt <= now ? (owner, now + lease) : held);
        return Task.FromResult(taken.Owner == owner);
    }

    public Task ReleaseFilingLeaseAsync(string imageId, string owner, CancellationToken cancellationToken)
    {
        if (_leases.TryGetValue(imageId, out var held) && held.Owner == owner)
        {
            _leases.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(imageId, held));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CommitTicket>> ListOpenCommitsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<CommitTicket> open = [.. _sessions.Values
            .Where(e => !e.Ended && IsLive(e.Session, now))
            .SelectMany(e => e.Commits.Values.Where(c => !c.IsFinished).Select(c => new CommitTicket(c.SessionId, c.Id)))];
        return Task.FromResult(open);
    }

    public Task<IReadOnlyList<string>> TakeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = new List<string>();
        foreach (var (id, entry) in _sessions)
        {
            if ((entry.Ended || !IsLive(entry.Session, now)) && _sessions.TryRemove(id, out _))
            {
                expired.Add(id);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(expired);
    }

    public Task CreateRequestAsync(PatientRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var old in _requests.Where(r => r.Value.KeepUntil <= now).Select(r => r.Key).ToList())
        {
            _requests.TryRemove(old, out _);
        }

        if (!_requests.TryAdd(request.Id, request))
        {
            throw new InvalidOperationException("A request with this id exists already.");
        }

        return Task.CompletedTask;
    }

    public Task<PatientRequest?> GetRequestAsync(string requestId, CancellationToken cancellationToken) =>
        Task.FromResult(KeptRequest(requestId));

    public Task<PatientRequest?> FindRequestByTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(_requests.Values.FirstOrDefault(r => string.Equals(r.TokenHash, tokenHash, StringComparison.Ordinal)) is { } found
            ? KeptRequest(found.Id)
            : null);

    public Task<PatientRequest?> UpdateRequestAsync(string requestId, Func<PatientRequest, PatientRequest?> change, CancellationToken cancellationToken)
    {
        while (KeptRequest(requestId) is { } current)
        {
            var changed = change(current);
            if (changed is null)
            {
                return Task.FromResult<PatientRequest?>(current);
            }

            if (!string.Equals(changed.Id, requestId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A request update may not change the request's id.");
            }

            if (_requests.TryUpdate(requestId, changed, current))
            {
                return Task.FromResult<PatientRequest?>(changed);
            }
        }

        return Task.FromResult<PatientRequest?>(null);
    }

    public Task<IReadOnlyList<PatientRequest>> ListRequestsForPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<PatientRequest> found = [.. _requests.Values
            .Where(r => r.KeepUntil > now && r.FacilityId == facilityId && r.PatientId == patientId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
        return Task.FromResult(found);
    }

    private PatientRequest? KeptRequest(string requestId) =>
        _requests.TryGetValue(requestId, out var request) && request.KeepUntil > time.GetUtcNow() ? request : null;

    private Entry? Live(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var entry) && !entry.Ended && IsLive(entry.Session, time.GetUtcNow()) ? entry : null;

    private bool IsLive(CaptureSession session, DateTimeOffset now) =>
        now < session.HardExpiresAt && now < session.IdleDeadline(options.Value.Idle);

    private sealed class Entry(CaptureSession session)
    {
        public CaptureSession Session { get; set; } = session;

        public volatile bool Ended;

        public ConcurrentDictionary<string, ImageRecord> Images { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, CommitJob> Commits { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, PhotoSeries> Series { get; } = new(StringComparer.Ordinal);
    }
}

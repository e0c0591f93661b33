using ClinicalImages.Web.Features.Filing;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>
/// Filing leases (one attempt per image across instances) and the set of unfinished commits a restarted instance
/// resumes. Lease expiry is Redis's own clock: it must hold even while the owner's process is gone.
/// </summary>
internal sealed partial class RedisStore
{
    private static readonly TimeSpan OpenCommitsTtl = TimeSpan.FromDays(1);

    // Take the lease when it is free or already ours (renewal); never from another live owner.
    private static readonly LuaScript Acquire = LuaScript.Prepare("""
        local held = redis.call('GET', @key)
        if (not held) or held == @owner then
          redis.call('SET', @key, @owner, 'PX', @ms)
          return 1
        end
        return 0
        """);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @key) == @owner then
          return redis.call('DEL', @key)
        end
        return 0
        """);

    public async Task<bool> TryAcquireFilingLeaseAsync(string imageId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await Db.ScriptEvaluateAsync(Acquire, new { key = _keys.Lease(imageId), owner, ms = (long)lease.TotalMilliseconds });
        return (long)result == 1;
    }

    public async Task ReleaseFilingLeaseAsync(string imageId, string owner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Db.ScriptEvaluateAsync(Release, new { key = _keys.Lease(imageId), owner });
    }

    public async Task<IReadOnlyList<CommitTicket>> ListOpenCommitsAsync(CancellationToken cancellationToken)
    {
        var open = new List<CommitTicket>();
        foreach (var member in await Db.SetMembersAsync(_keys.OpenCommits))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = member.ToString();
            var cut = text.IndexOf('/', StringComparison.Ordinal);
            var job = cut > 0 ? await GetCommitAsync(text[..cut], text[(cut + 1)..], cancellationToken) : null;
            if (job is { IsFinished: false })
            {
                open.Add(new CommitTicket(job.SessionId, job.Id));
            }
            else
            {
                // Finished, or its session ended: nothing to resume.
                await Db.SetRemoveAsync(_keys.OpenCommits, member);
            }
        }

        return open;
    }

    private static RedisValue OpenCommitMember(string sessionId, string commitId) => $"{sessionId}/{commitId}";
}

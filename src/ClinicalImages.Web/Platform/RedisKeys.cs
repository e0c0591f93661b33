using StackExchange.Redis;

namespace ClinicalImages.Web.Platform;

/// <summary>
/// The Redis key layout. Every name is a random id or a SHA-256 hash: no patient data, nothing to read in a MONITOR.
/// <code>
/// {prefix}session:{sessionId}           string  {"session":{CaptureSession},"ended":bool}; TTL hard deadline + margin
/// {prefix}session:{sessionId}:images    hash    imageId → ImageRecord JSON; same TTL as the session
/// {prefix}session:{sessionId}:commits   hash    commitId → CommitJob JSON (as started, or finished); same TTL as the session
/// {prefix}session:{sessionId}:commit-items hash  "{commitId}/{imageId}" → CommitItem JSON, each image's latest progress
///                                               (written per image, so images filed side by side never wait on each other)
/// {prefix}session:{sessionId}:series    hash    seriesId → PhotoSeries JSON (photos, order, roles, parts); same TTL as the session
/// {prefix}sessions:deadlines            zset    sessionId scored by its deadline (Unix ms; 0 once ended), for the sweep
/// {prefix}handoff:{sha256(token)}       string  {"sessionId","expiresAt"}; TTL hand-off lifetime + margin
/// {prefix}launch:{sha256(launch)}       string  when the launch may be used again (UTC ticks); TTL remember + margin
/// {prefix}events:{sessionId}            pub/sub channel (see RedisSessionEvents)
/// {prefix}lease:{imageId}               string  the owner filing this image (or series) now; PX = the lease
/// {prefix}commits:open                  set     "{sessionId}/{commitId}" of unfinished commits, for recovery
/// {prefix}patient-request:{requestId}  string  PatientRequest JSON; TTL its KeepUntil + margin
/// {prefix}patient-request-token:{sha256(token)} string  the request's id; same TTL
/// {prefix}patient-requests:{sha256(facility, patient)} set  request ids for one patient; TTL the longest of them
/// {prefix}dataprotection-keys           list    the Data Protection key ring (no TTL: it seals cookies; no patient data)
/// </code>
/// A session's keys share the "session:{id}" stem so one look at KEYS / SCAN shows what belongs together.
/// Aimed at one Redis primary (with replicas), not Redis Cluster: the sweep script touches keys it derives itself.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Session(string sessionId) => $"{Prefix}session:{sessionId}";

    public RedisKey Images(string sessionId) => $"{Prefix}session:{sessionId}:images";

    public RedisKey Commits(string sessionId) => $"{Prefix}session:{sessionId}:commits";

    public RedisKey CommitItems(string sessionId) => $"{Prefix}session:{sessionId}:commit-items";

    public RedisKey Series(string sessionId) => $"{Prefix}session:{sessionId}:series";

    public RedisKey Deadlines => $"{Prefix}sessions:deadlines";

    public RedisKey Handoff(string tokenHash) => $"{Prefix}handoff:{tokenHash}";

    public RedisKey Launch(string fingerprint) => $"{Prefix}launch:{fingerprint}";

    public RedisKey Lease(string imageId) => $"{Prefix}lease:{imageId}";

    public RedisKey PatientRequest(string requestId) => $"{Prefix}patient-request:{requestId}";

    public RedisKey PatientRequestToken(string tokenHash) => $"{Prefix}patient-request-token:{tokenHash}";

    public RedisKey PatientRequests(string patientHash) => $"{Prefix}patient-requests:{patientHash}";

    public RedisKey OpenCommits => $"{Prefix}commits:open";

    public RedisChannel Events(string sessionId) => RedisChannel.Literal($"{Prefix}events:{sessionId}");
}

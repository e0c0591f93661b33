using System.Security.Cryptography;
using System.Text;
using ClinicalImages.Web.Features.PatientRequests;
using ClinicalImages.Web.Platform;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>Requests for photos from patients: one record, its token index and its patient's set, all with TTLs.</summary>
internal sealed partial class RedisStore
{
    public async Task CreateRequestAsync(PatientRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ttl = RequestTtl(request);
        var patient = _keys.PatientRequests(PatientHash(request.FacilityId, request.PatientId));
        var transaction = new RedisGuardedWrite();
        transaction.StringSet(_keys.PatientRequest(request.Id), RedisJson.Write(request), ttl);
        transaction.StringSet(_keys.PatientRequestToken(request.TokenHash), request.Id, ttl);
        transaction.SetAdd(patient, request.Id);
        transaction.KeyExpire(patient, ttl, ExpireWhen.HasNoExpiry);
        transaction.KeyExpire(patient, ttl, ExpireWhen.GreaterThanCurrentExpiry);
        if (!await transaction.ExecuteAsync(Db, _keys.PatientRequest(request.Id), RedisValue.Null))
        {
            throw new InvalidOperationException("A request with this id exists already.");
        }
    }

    public async Task<PatientRequest?> GetRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Kept(await Db.StringGetAsync(_keys.PatientRequest(requestId)));
    }

    public async Task<PatientRequest?> FindRequestByTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var id = await Db.StringGetAsync(_keys.PatientRequestToken(tokenHash));
        if (id.IsNull)
        {
            return null;
        }

        var request = await GetRequestAsync(id.ToString(), cancellationToken);
        return request?.TokenHash == tokenHash ? request : null;
    }

    public async Task<PatientRequest?> UpdateRequestAsync(string requestId, Func<PatientRequest, PatientRequest?> change, CancellationToken cancellationToken)
    {
        var key = _keys.PatientRequest(requestId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = await Db.StringGetAsync(key);
            var current = Kept(raw);
            if (current is null)
            {
                return null;
            }

            var changed = change(current);
            if (changed is null)
            {
                return current;
            }

            if (!string.Equals(changed.Id, requestId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A request update may not change the request's id.");
            }

            var transaction = new RedisGuardedWrite();
            transaction.StringSet(key, RedisJson.Write(changed), RequestTtl(changed));
            if (await transaction.ExecuteAsync(Db, key, raw))
            {
                return changed;
            }
        }

        throw Contended();
    }

    public async Task<IReadOnlyList<PatientRequest>> ListRequestsForPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await Db.SetMembersAsync(_keys.PatientRequests(PatientHash(facilityId, patientId)));
        if (ids.Length == 0)
        {
            return [];
        }

        var raws = await Db.StringGetAsync([.. ids.Select(id => _keys.PatientRequest(id.ToString()))]);
        return [.. raws.Select(Kept).OfType<PatientRequest>()
            .Where(r => r.FacilityId == facilityId && r.PatientId == patientId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    private PatientRequest? Kept(RedisValue raw)
    {
        if (raw.IsNull)
        {
            return null;
        }

        var request = RedisJson.Read<PatientRequest>(raw);
        return request.KeepUntil > time.GetUtcNow() ? request : null;
    }

    private TimeSpan RequestTtl(PatientRequest request) => Positive(request.KeepUntil - time.GetUtcNow()) + TtlMargin;

    /// <summary>The patient's set is named by a hash: no practice or patient id to read in a key listing.</summary>
    private static string PatientHash(string facilityId, string patientId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(facilityId + "\n" + patientId)));
}

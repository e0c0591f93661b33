using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.Web.Features.PatientRequests;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalImages.IntegrationTests.Persistence;

/// <summary>The contract's cases for requests for photos from the patient: by id, by token hash, by patient, kept until a day past expiry.</summary>
public abstract partial class StoreContract
{
    private static PatientRequest Request(FakeTimeProvider time, string patientId = "patient-1", TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow();
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        return new PatientRequest(id, "F2N060-E", patientId, "provider-1", "Dr Test", "Healthier Care", "the rash on your arm",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
            new string('b', 64), "session-1", now, now + (lifetime ?? TimeSpan.FromHours(72)))
        {
            SentVia = ["email"],
        };
    }

    [Fact]
    public async Task PatientRequest_AfterCreate_IsFoundByIdTokenAndPatient_FromAnotherInstance()
    {
        var time = Instance.Clock();
        var request = Request(time);
        await Store(time).CreateRequestAsync(request, CancellationToken.None);

        var other = OtherInstance(time);
        var byId = await other.GetRequestAsync(request.Id, CancellationToken.None);
        var byToken = await other.FindRequestByTokenAsync(request.TokenHash, CancellationToken.None);
        var byPatient = await other.ListRequestsForPatientAsync("F2N060-E", "patient-1", CancellationToken.None);

        Assert.Equal(request with { SentVia = [] }, byId! with { SentVia = [] });
        Assert.Equal(["email"], byId!.SentVia);
        Assert.Equal(request.Id, byToken?.Id);
        Assert.Equal(request.Id, Assert.Single(byPatient, r => r.Id == request.Id).Id);
        Assert.Null(await other.FindRequestByTokenAsync(new string('0', 64), CancellationToken.None));
        Assert.DoesNotContain(await other.ListRequestsForPatientAsync("F2N060-E", "patient-2", CancellationToken.None), r => r.Id == request.Id);
    }

    [Fact]
    public async Task PatientRequest_Update_IsSeenByAnotherInstance_AndTwoConcurrentWrongTriesBothCount()
    {
        var time = Instance.Clock();
        var request = Request(time);
        await Store(time).CreateRequestAsync(request, CancellationToken.None);

        await Task.WhenAll(
            Store(time).UpdateRequestAsync(request.Id, r => r with { FailedTries = r.FailedTries + 1 }, CancellationToken.None),
            OtherInstance(time).UpdateRequestAsync(request.Id, r => r with { FailedTries = r.FailedTries + 1 }, CancellationToken.None));
        var unchanged = await Store(time).UpdateRequestAsync(request.Id, _ => null, CancellationToken.None);

        Assert.Equal(2, (await OtherInstance(time).GetRequestAsync(request.Id, CancellationToken.None))!.FailedTries);
        Assert.Equal(2, unchanged!.FailedTries);
        Assert.Null(await Store(time).UpdateRequestAsync("no-such-request", r => r, CancellationToken.None));
    }

    [Fact]
    public async Task PatientRequest_IsKeptADayPastItsExpiry_ThenGoneEverywhere()
    {
        var time = Instance.Clock();
        var request = Request(time, lifetime: TimeSpan.FromHours(1));
        await Store(time).CreateRequestAsync(request, CancellationToken.None);

        time.Advance(TimeSpan.FromHours(2));
        var expired = await OtherInstance(time).GetRequestAsync(request.Id, CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(PatientRequestState.Expired, expired!.StateAt(time.GetUtcNow()));
        Assert.Null(await OtherInstance(time).GetRequestAsync(request.Id, CancellationToken.None));
        Assert.Null(await OtherInstance(time).FindRequestByTokenAsync(request.TokenHash, CancellationToken.None));
        Assert.DoesNotContain(await OtherInstance(time).ListRequestsForPatientAsync("F2N060-E", "patient-1", CancellationToken.None), r => r.Id == request.Id);
        Assert.Null(await Store(time).UpdateRequestAsync(request.Id, r => r with { FailedTries = 1 }, CancellationToken.None));
    }

    [Fact]
    public async Task PatientRequestSession_HasNoIdleTimeout_AndEndsAtItsHardDeadline()
    {
        var time = Instance.Clock();
        var store = Store(time);
        var session = Samples.Session(time, TimeSpan.FromHours(72)) with { PatientRequestId = "request-1" };
        await store.CreateAsync(session, CancellationToken.None);

        time.Advance(TimeSpan.FromHours(71));
        var live = await OtherInstance(time).GetAsync(session.Id, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(session, live);
        Assert.Null(await OtherInstance(time).GetAsync(session.Id, CancellationToken.None));
        Assert.Contains(session.Id, await store.TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None));
    }
}

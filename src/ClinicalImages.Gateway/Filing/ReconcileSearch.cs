using ClinicalImages.Gateway.Fhir;
using System.Globalization;
using ClinicalImages.Gateway.Auth;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Http;
using ClinicalImages.Gateway.Patients;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.Gateway.Filing;

/// <summary>
/// Looks for our filing after an unclear outcome: searches by the patient's NHI (the only shape ALEX answers), newest
/// first where ALEX takes it, following <c>next</c> links, and stops at the first match. Returns the receipt, or null
/// only when the search proves the filing absent (every result within the window read, each with its identifiers).
/// Anything short of that throws <see cref="AlexException"/>: transient kinds may be tried again; any other is
/// <see cref="AlexErrorKind.ReadBackUnavailable"/> or the refusal itself, and means "unknown", never "not there".
/// </summary>
internal sealed partial class ReconcileSearch(
    AlexClient client, AlexTokenProvider tokens, ReadBackPermissions permissions, AlexOptions options, TimeProvider time, ILogger<ReconcileSearch> logger)
{
    public async Task<FilingReceipt?> FindAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        var type = options.Target == FilingTarget.Scan ? "DocumentReference" : "Media";
        var known = permissions.For(request.FacilityId);
        if (known is { Access: ReadBackAccess.Refused or ReadBackAccess.Unsupported })
        {
            throw Unavailable($"read-back at this facility was {known.Access.ToString().ToLowerInvariant()} when last asked");
        }

        var newestFirst = known?.NewestFirst ?? options.ReconcileNewestFirst;
        var page = await FirstPageAsync(request, type, newestFirst, cancellationToken);
        newestFirst = page.NewestFirst;
        var scan = new ResultScan(time.GetUtcNow() - TimeSpan.FromMinutes(options.ReconcileWindowMinutes), newestFirst);
        for (var pages = 1; ; pages++)
        {
            foreach (var entry in page.Bundle.Entry)
            {
                if (scan.Read(entry.Resource, type, options.IdentifierSystem, request.ImageId) is { } id)
                {
                    await LearnAsync(request.FacilityId, ReadBackAccess.Permitted, newestFirst, cancellationToken);
                    LogReconciled(logger, request.ImageId, type, id, pages);
                    return new FilingReceipt(type, id, entry.Resource!.Meta?.VersionId, request.ImageId, time.GetUtcNow(), Reconciled: true);
                }

                if (scan.PastWindow)
                {
                    break;
                }
            }

            var next = page.Bundle.NextLink;
            if (scan.PastWindow || next is null)
            {
                return await EndAsync(request, scan, newestFirst, pages, cancellationToken);
            }

            if (pages >= options.ReconcileMaxPages)
            {
                LogPageLimit(logger, request.ImageId, pages);
                throw Unavailable($"our filing was not among the first {pages} pages of results");
            }

            var path = AlexLinks.Relative(client.Endpoints, next.OriginalString) ?? throw Unavailable("the search's next link points away from ALEX");
            page = page with { Bundle = await ReadBundleAsync(request.FacilityId, path, cancellationToken) };
        }
    }

    private async Task<FilingReceipt?> EndAsync(FilingRequest request, ResultScan scan, bool newestFirst, int pages, CancellationToken cancellationToken)
    {
        if (scan.WithoutIdentifier > 0 && scan.WithIdentifier == 0)
        {
            await LearnAsync(request.FacilityId, ReadBackAccess.Unsupported, newestFirst, cancellationToken);
            throw Unavailable("the search answers without identifiers, so it cannot show whether our filing is there");
        }

        await LearnAsync(request.FacilityId, ReadBackAccess.Permitted, newestFirst, cancellationToken);
        if (scan.WithoutIdentifier > 0)
        {
            throw Unavailable("some results came without identifiers, so they may include our filing");
        }

        LogAbsent(logger, request.ImageId, pages, scan.PastWindow);
        return null;
    }

    // The first page decides the shape: newest first if ALEX takes it, else once more without the sort.
    private async Task<FirstPage> FirstPageAsync(FilingRequest request, string type, bool newestFirst, CancellationToken cancellationToken)
    {
        try
        {
            return new FirstPage(await ReadBundleAsync(request.FacilityId, Query(type, request.PatientNhi, newestFirst), cancellationToken), newestFirst);
        }
        catch (AlexException ex) when (ex.Kind == AlexErrorKind.Forbidden && newestFirst)
        {
            LogSortRefused(logger, type);
            return await FirstPageAsync(request, type, newestFirst: false, cancellationToken);
        }
        catch (AlexException ex) when (!ex.IsTransient && ex.Kind != AlexErrorKind.ReadBackUnavailable)
        {
            var access = ex.Kind == AlexErrorKind.Forbidden ? ReadBackAccess.Refused : ReadBackAccess.Unsupported;
            await LearnAsync(request.FacilityId, access, newestFirst, cancellationToken);
            LogRefused(logger, type, ex.Kind);
            throw Unavailable($"ALEX answered the search with {ex.Kind}", ex);
        }
    }

    private async Task<Bundle> ReadBundleAsync(string facilityId, string relative, CancellationToken cancellationToken)
    {
        var json = await client.ReadRawAsync(facilityId, relative, cancellationToken);
        try
        {
            return FhirJson.Deserialize<Bundle>(json);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw Unavailable("the search answered with something that is not a Bundle", ex);
        }
    }

    private string Query(string type, string nhi, bool newestFirst)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"{PatientReader.ByNhi(type, nhi)}&_count={options.ReconcilePageSize}");
        return newestFirst ? query + (type == "Media" ? "&_sort=-created" : "&_sort=-date") : query;
    }

    private async Task LearnAsync(string facilityId, ReadBackAccess access, bool newestFirst, CancellationToken cancellationToken)
    {
        if (permissions.For(facilityId) is { } known && known.Access == access && known.NewestFirst == newestFirst)
        {
            return;
        }

        var roles = TokenRoles.ReadRoles((await tokens.GetAsync(cancellationToken)).Value);
        permissions.Learn(facilityId, access, newestFirst, roles);
        LogLearnt(logger, facilityId, access, newestFirst, roles is null ? "not shown" : roles.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static AlexException Unavailable(string why, Exception? inner = null) =>
        new(AlexErrorKind.ReadBackUnavailable, AlexMessages.ReadBackUnavailable, detail: why, inner: inner);

    private sealed record FirstPage(Bundle Bundle, bool NewestFirst);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Image {ImageId} found already filed as {ResourceType}/{ResourceId} (page {Page})")]
    private static partial void LogReconciled(ILogger logger, string imageId, string resourceType, string resourceId, int page);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Image {ImageId} is not in ALEX: {Pages} page(s) read, window reached {PastWindow}")]
    private static partial void LogAbsent(ILogger logger, string imageId, int pages, bool pastWindow);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "ALEX refused the {ResourceType} search newest first; asking without the sort")]
    private static partial void LogSortRefused(ILogger logger, string resourceType);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "ALEX will not answer the {ResourceType} reconcile search ({Kind}): unclear filings are left to the GP")]
    private static partial void LogRefused(ILogger logger, string resourceType, AlexErrorKind kind);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Image {ImageId}: not found within {Pages} pages, the most a reconcile search reads")]
    private static partial void LogPageLimit(ILogger logger, string imageId, int pages);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Read-back at facility {FacilityId}: {Access} (newest first {NewestFirst}; token read roles {Roles})")]
    private static partial void LogLearnt(ILogger logger, string facilityId, ReadBackAccess access, bool newestFirst, string roles);
}

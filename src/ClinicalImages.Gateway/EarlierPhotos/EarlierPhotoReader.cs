using System.Text.RegularExpressions;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Filing;
using ClinicalImages.Gateway.Http;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.EarlierPhotos;

/// <summary>
/// The patient's earlier photos in Medtech: Scan DocumentReferences (LOINC 72170-4) and Media images, found by NHI,
/// kept only when their subject is the patient's id at this facility, newest first. A refusal or an outage is a
/// result with a sentence, never an exception: earlier photos must not get in the way of taking and filing new ones.
/// </summary>
internal sealed partial class EarlierPhotoReader(AlexClient client, AlexOptions options, ILogger<EarlierPhotoReader> logger)
{
    /// <summary>ALEX's Scan payload is 8 MB; a Media image is not capped by ALEX.md, so a little room above it.</summary>
    public const int MaxContentBytes = 32 * 1024 * 1024;

    private const string Scan = "DocumentReference";
    private const string MediaType = "Media";

    public async Task<EarlierPhotoList> ListAsync(EarlierPhotosQuery query, CancellationToken cancellationToken)
    {
        var searches = await System.Threading.Tasks.Task.WhenAll(
            EarlierPhotoSearch.RunAsync(client, Scan, query, cancellationToken),
            EarlierPhotoSearch.RunAsync(client, MediaType, query, cancellationToken));
        foreach (var failed in searches.Where(s => s.Failure is not null))
        {
            LogSearchFailed(logger, failed.ResourceType, failed.Failure!.Kind);
        }

        var failures = searches.Where(s => s.Failure is not null).ToList();
        if (failures.Count == searches.Length && searches.All(s => s.Resources.Count == 0))
        {
            return failures.Exists(f => !EarlierPhotoSearch.IsRefusal(f.Failure!))
                ? EarlierPhotoList.Refused(EarlierPhotosAvailability.Unavailable, EarlierPhotoMessages.Unavailable)
                : EarlierPhotoList.Refused(EarlierPhotosAvailability.NotPermitted, EarlierPhotoMessages.NotPermitted);
        }

        var all = searches.SelectMany(s => s.Resources)
            .Select(r => Describe(r, query.PatientId))
            .OfType<EarlierPhoto>()
            .DistinctBy(p => p.Reference)
            .OrderByDescending(p => p.Date ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.Reference, StringComparer.Ordinal)
            .ToList();
        var limit = Math.Clamp(query.Limit, 1, EarlierPhotosQuery.MaxLimit);
        var offset = Math.Max(0, query.Offset);
        var page = await WithAuthorsAsync([.. all.Skip(offset).Take(limit)], query.FacilityId, cancellationToken);
        var next = offset + limit < all.Count ? offset + limit : (int?)null;
        var message = failures.Count > 0
            ? EarlierPhotoMessages.Partial(failures[0].ResourceType == Scan ? "Inbox Scan documents" : "Media")
            : all.Count == 0 ? EarlierPhotoMessages.None : null;
        return new EarlierPhotoList(EarlierPhotosAvailability.Available, page, all.Count, next, message);
    }

    public async Task<EarlierPhotoContent> ReadAsync(EarlierPhotoRequest request, CancellationToken cancellationToken)
    {
        if (ReferencePattern().Match(request.Reference) is not { Success: true } match)
        {
            return EarlierPhotoContent.Refused(EarlierPhotosAvailability.NotFound, EarlierPhotoMessages.NotFound);
        }

        try
        {
            var resource = await client.ReadAsync<Resource>(request.FacilityId, request.Reference, cancellationToken);
            if (resource.TypeName != match.Groups["type"].Value || Describe(resource, request.PatientId) is null)
            {
                // Another patient's, or not a photo: the same answer as "not there", so nothing is learnt about others.
                LogNotThisPatients(logger, resource.TypeName);
                return EarlierPhotoContent.Refused(EarlierPhotosAvailability.NotFound, EarlierPhotoMessages.NotFound);
            }

            var attachment = Attachments(resource).FirstOrDefault(a => a.Data is { Length: > 0 } || !string.IsNullOrWhiteSpace(a.Url));
            if (attachment is null)
            {
                return EarlierPhotoContent.Refused(EarlierPhotosAvailability.NotFound, EarlierPhotoMessages.NoPicture);
            }

            var data = attachment.Data is { Length: > 0 } inline ? inline : await FetchAsync(request.FacilityId, attachment, cancellationToken);
            return data is null || data.Length > MaxContentBytes
                ? EarlierPhotoContent.Refused(EarlierPhotosAvailability.NotFound, EarlierPhotoMessages.NoPicture)
                : new EarlierPhotoContent(EarlierPhotosAvailability.Available, data, attachment.ContentType, null);
        }
        catch (AlexException ex)
        {
            LogReadFailed(logger, match.Groups["type"].Value, ex.Kind);
            return ex.Kind switch
            {
                AlexErrorKind.NotFound or AlexErrorKind.PatientNotFound =>
                    EarlierPhotoContent.Refused(EarlierPhotosAvailability.NotFound, EarlierPhotoMessages.NotFound),
                _ when EarlierPhotoSearch.IsRefusal(ex) => EarlierPhotoContent.Refused(EarlierPhotosAvailability.NotPermitted, EarlierPhotoMessages.NotPermitted),
                _ => EarlierPhotoContent.Refused(EarlierPhotosAvailability.Unavailable, EarlierPhotoMessages.Unavailable),
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return EarlierPhotoContent.Refused(EarlierPhotosAvailability.Unavailable, EarlierPhotoMessages.Unavailable);
        }
    }

    // An attachment url is followed only under the ALEX FHIR base (e.g. a Binary), with our token; anything else is not.
    private async Task<byte[]?> FetchAsync(string facilityId, Attachment attachment, CancellationToken cancellationToken)
    {
        if (AlexLinks.Relative(client.Endpoints, attachment.Url) is not { } relative)
        {
            LogForeignUrl(logger);
            return null;
        }

        return await client.ReadBytesAsync(facilityId, relative, attachment.ContentType ?? "image/*", MaxContentBytes, cancellationToken);
    }

    /// <summary>The photo a resource is, or null when it is not a photo of this patient.</summary>
    private EarlierPhoto? Describe(Resource resource, string patientId)
    {
        switch (resource)
        {
            case DocumentReference document when document.Status != DocumentReferenceStatus.EnteredInError
                && document.Type?.Coding.Exists(c => c.System == FhirResourceFactory.LoincSystem && c.Code == FhirResourceFactory.PhotographicImage) == true
                && IsPatient(document.Subject, patientId):
                var first = document.Content.Select(c => c.Attachment).FirstOrDefault(a => a is not null);
                return new EarlierPhoto($"{Scan}/{document.Id}", "Scan", document.Date, Title(first?.Title ?? document.Description),
                    document.Author.Select(a => a.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) ?? PractitionerId(document.Author.FirstOrDefault()),
                    first?.ContentType, Ours(document.Identifier));
            case Media media when media.Status != EventStatus.EnteredInError
                && media.Type?.Coding.Exists(c => c.System == FhirResourceFactory.MediaTypeSystem && c.Code == "image") == true
                && IsPatient(media.Subject, patientId):
                return new EarlierPhoto($"{MediaType}/{media.Id}", "Media", MediaDate(media), Title(media.Content?.Title),
                    media.Operator?.Display is { Length: > 0 } display ? display : PractitionerId(media.Operator),
                    media.Content?.ContentType, Ours(media.Identifier));
            default:
                return null;
        }
    }

    // Authors arrive as references: read each clinician once per page, in parallel; one that cannot be read stays unnamed.
    private async Task<IReadOnlyList<EarlierPhoto>> WithAuthorsAsync(List<EarlierPhoto> page, string facilityId, CancellationToken cancellationToken)
    {
        var ids = page.Select(p => p.Author).OfType<string>().Where(a => a.StartsWith(PractitionerMark, StringComparison.Ordinal)).Distinct().ToList();
        var names = await System.Threading.Tasks.Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                var practitioner = await client.ReadAsync<Practitioner>(facilityId, $"Practitioner/{Uri.EscapeDataString(id[PractitionerMark.Length..])}", cancellationToken);
                return (id, Name: Patients.PatientReader.Display(practitioner.Name));
            }
            catch (AlexException)
            {
                return (id, Name: (string?)null);
            }
        }));
        var byId = names.ToDictionary(n => n.id, n => n.Name, StringComparer.Ordinal);
        return [.. page.Select(p => p.Author is { } a && a.StartsWith(PractitionerMark, StringComparison.Ordinal) ? p with { Author = byId.GetValueOrDefault(a) } : p)];
    }

    private const string PractitionerMark = "practitioner:";

    private static string? PractitionerId(ResourceReference? reference) =>
        reference?.Reference is { } r && LastTwo(r) is ("Practitioner", var id) ? PractitionerMark + id : null;

    private static bool IsPatient(ResourceReference? subject, string patientId) =>
        subject?.Reference is { } r && LastTwo(r) is ("Patient", var id) && string.Equals(id, patientId, StringComparison.Ordinal);

    private static (string Type, string Id)? LastTwo(string reference)
    {
        var parts = reference.TrimEnd('/').Split('/');
        return parts.Length >= 2 ? (parts[^2], parts[^1]) : null;
    }

    private bool Ours(List<Identifier> identifiers) => identifiers.Exists(i => i.System == options.IdentifierSystem);

    private static DateTimeOffset? MediaDate(Media media) =>
        media.Created is FhirDateTime created && created.TryToDateTimeOffset(out var at) ? at : media.Issued;

    private static string? Title(string? title) => string.IsNullOrWhiteSpace(title) ? null : title.Trim();

    private static IEnumerable<Attachment> Attachments(Resource resource) => resource switch
    {
        DocumentReference document => document.Content.Select(c => c.Attachment).OfType<Attachment>(),
        Media media when media.Content is not null => [media.Content],
        _ => [],
    };

    [GeneratedRegex(@"^(?<type>DocumentReference|Media)/[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex ReferencePattern();

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Earlier photos: the {ResourceType} search gave {Kind}")]
    private static partial void LogSearchFailed(ILogger logger, string resourceType, AlexErrorKind kind);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Earlier photo: the {ResourceType} read gave {Kind}")]
    private static partial void LogReadFailed(ILogger logger, string resourceType, AlexErrorKind kind);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Earlier photo: a {ResourceType} asked for is not a photo of the session's patient; refused")]
    private static partial void LogNotThisPatients(ILogger logger, string resourceType);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Earlier photo: its attachment url is not under the ALEX FHIR base; not followed")]
    private static partial void LogForeignUrl(ILogger logger);
}

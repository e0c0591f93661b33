using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>The disk store's signed upload and read URLs (S3 serves these itself in production).</summary>
internal static class StorageApi
{
    public static IEndpointRouteBuilder MapStorageApi(this IEndpointRouteBuilder app)
    {
        // With S3 the browsers talk to the bucket; the disk store's URLs should not exist at all.
        if (app.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider != StorageProvider.FileSystem)
        {
            return app;
        }

        var group = app.MapGroup("/storage").ExcludeFromDescription();
        group.MapPut("/{**key}", UploadAsync).DisableAntiforgery();
        group.MapGet("/{**key}", ReadAsync);
        return app;
    }

    internal static async Task<Results<Ok, ProblemHttpResult>> UploadAsync(
        string key, [FromQuery] long exp, [FromQuery] long max, [FromQuery] string? sig,
        HttpRequest request, FileSystemImageStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? string.Empty;
        if (!FileSystemImageStore.IsValidKey(key) || !store.Verify("put", key, exp, contentType, max, sig))
        {
            return Problem(StatusCodes.Status403Forbidden, "This upload does not match its upload slot (address, type or size). Ask for a new slot.");
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > exp)
        {
            return Problem(StatusCodes.Status403Forbidden, "This upload slot has expired. Add the photo again.");
        }

        if (request.ContentLength is not { } length || length > max)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"This upload is larger than its slot allows ({max} bytes)."));
        }

        try
        {
            await store.WriteCappedAsync(key, request.Body, max, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "This upload is larger than its slot allows.");
        }

        return TypedResults.Ok();
    }

    internal static async Task<IResult> ReadAsync(
        string key, [FromQuery] long exp, [FromQuery] string? sig,
        FileSystemImageStore store, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!FileSystemImageStore.IsValidKey(key) || !store.Verify("get", key, exp, string.Empty, 0, sig)
            || time.GetUtcNow().ToUnixTimeSeconds() > exp)
        {
            return Problem(StatusCodes.Status403Forbidden, "This picture link has expired. Reload the page.");
        }

        var stored = await store.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return Problem(StatusCodes.Status404NotFound, "This picture is no longer stored.");
        }

        response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Stream(stored.Content, stored.ContentType);
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}

using System.Text.Json;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.Images;

/// <summary>The JSON stored beside an image: its binding, metadata and receipt. Enough to rebuild the index.</summary>
public sealed record ImageSidecar(
    string ImageId,
    string SessionId,
    string FacilityId,
    string PatientId,
    string ProviderId,
    string Status,
    string Source,
    DateTimeOffset CreatedAt,
    int? Width,
    int? Height,
    ImageMetadata Metadata,
    FiledReceipt? Filing,
    ImageEdit? Edit = null,
    FiledReceipt? OriginalFiling = null,
    CaptureTime? Captured = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ImageSidecar From(CaptureSession session, ImageRecord image) => new(
        image.Id, session.Id, session.FacilityId, session.PatientId, session.ProviderId, image.Status.ToString(),
        image.Source.ToString(), image.CreatedAt, image.Width, image.Height, image.Metadata, image.Filing, image.Edit, image.OriginalFiling,
        image.Captured);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ImageSidecar? Parse(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<ImageSidecar>(json, Json);
}

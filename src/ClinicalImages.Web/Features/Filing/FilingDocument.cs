using ClinicalImages.Gateway;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// What one photo becomes in Medtech: <see cref="Request"/> always; <see cref="Original"/> only for an edited photo filed
/// as Media, whose unedited original travels as a second Media with its own identifier (on Scan it is page 2 instead).
/// </summary>
internal sealed record FilingDocument(FilingRequest Request, FilingRequest? Original);

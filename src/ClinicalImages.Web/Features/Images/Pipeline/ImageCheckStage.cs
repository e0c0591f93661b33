namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// How far an upload got before it was refused. Logged so operators (and tests) can see that a pixel
/// flood was stopped at the header and never reached the decoder.
/// </summary>
internal enum ImageCheckStage
{
    Size,
    Signature,
    Header,
    Decode,
}

namespace ClinicalImages.Web.Features.Images;

/// <summary>A request about an image that we refuse, with a sentence a GP can act on; becomes problem details.</summary>
public sealed class ImageProblemException : Exception
{
    public ImageProblemException(int status, string message)
        : base(message) => Status = status;

    public ImageProblemException()
        : this(StatusCodes.Status400BadRequest, "This request about a photo could not be carried out.")
    {
    }

    public ImageProblemException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ImageProblemException(string message, Exception inner)
        : base(message, inner) => Status = StatusCodes.Status400BadRequest;

    public int Status { get; }
}

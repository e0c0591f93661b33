namespace ClinicalImages.Web.Features.Images;

/// <summary>The pages cannot fit the size cap without shrinking below the long edge a reader needs.</summary>
internal sealed class DocumentTooLargeException(int pages, int maxBytes, int minLongEdge)
    : Exception($"{pages} page(s) do not fit in {maxBytes / (1024 * 1024)} MB without shrinking below {minLongEdge} px.")
{
    public int Pages { get; } = pages;
}

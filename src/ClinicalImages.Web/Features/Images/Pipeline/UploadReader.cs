namespace ClinicalImages.Web.Features.Images;

/// <summary>Reads an upload into a pooled buffer without ever holding more than the size limit plus one byte.</summary>
internal static class UploadReader
{
    // A phone photo's order of magnitude; a network stream does not say its length, and the buffer grows if needed.
    private const int UnknownLengthGuess = 1024 * 1024;

    public static async Task<PooledBuffer> ReadAsync(Stream input, int maxBytes, CancellationToken ct)
    {
        long expected = UnknownLengthGuess;
        if (input.CanSeek)
        {
            expected = input.Length - input.Position;
            if (expected > maxBytes)
            {
                throw ImageRejectedException.TooLarge(expected, maxBytes);
            }
            if (expected == 0)
            {
                throw ImageRejectedException.Empty();
            }
        }

        // The declared length of a network stream is the client's claim; count what actually arrives.
        var buffer = await PooledBuffer.ReadAsync(input, expected, maxBytes, () => ImageRejectedException.TooLarge(null, maxBytes), ct);
        if (buffer.Length == 0)
        {
            buffer.Dispose();
            throw ImageRejectedException.Empty();
        }
        return buffer;
    }
}

namespace ClinicalImages.Web.Features.Images;

/// <summary>Reads an upload into memory without ever holding more than the size limit plus one buffer.</summary>
internal static class UploadReader
{
    public static async Task<byte[]> ReadAsync(Stream input, int maxBytes, CancellationToken ct)
    {
        if (input.CanSeek)
        {
            var length = input.Length - input.Position;
            if (length > maxBytes)
            {
                throw ImageRejectedException.TooLarge(length, maxBytes);
            }
            if (length == 0)
            {
                throw ImageRejectedException.Empty();
            }
        }

        // The declared length of a network stream is the client's claim; count what actually arrives.
        using var buffer = new MemoryStream(input.CanSeek ? (int)(input.Length - input.Position) : 1024 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw ImageRejectedException.TooLarge(null, maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw ImageRejectedException.Empty();
        }
        return buffer.ToArray();
    }
}

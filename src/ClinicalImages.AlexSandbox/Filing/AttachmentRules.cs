using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>The attachment checks both write paths share: type, bytes, size and file name.</summary>
internal static class AttachmentRules
{
    /// <summary>ALEX's payload cap for the Inbox, 8 MB of decoded bytes.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    public static void Check(Attachment? attachment, string path, IReadOnlyCollection<string> allowedTypes, List<string> errors)
    {
        if (attachment is null)
        {
            errors.Add($"{path} is missing.");
            return;
        }

        var contentType = attachment.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            errors.Add($"{path}.contentType is missing; it must be one of {string.Join(", ", allowedTypes)}.");
        }
        else if (!allowedTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{path}.contentType '{contentType}' is not accepted; it must be one of {string.Join(", ", allowedTypes)}.");
        }

        if (attachment.Data is not { Length: > 0 } data)
        {
            errors.Add($"{path}.data is missing; the file must travel inline as base64.");
        }
        else if (data.Length > MaxBytes)
        {
            errors.Add($"{path}.data is {data.Length} bytes; the limit is {MaxBytes} bytes (8 MB).");
        }
        else if (contentType is not null && !LooksLike(data, contentType))
        {
            errors.Add($"{path}.data is not a {contentType} file.");
        }

        if (string.IsNullOrWhiteSpace(attachment.Title))
        {
            errors.Add($"{path}.title is missing; it must carry the file name.");
        }
    }

    // Medtech stores what it is given, so a mislabelled file would reach the GP unreadable; catch it here.
    private static bool LooksLike(ReadOnlySpan<byte> data, string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/tiff" => data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8) || data.StartsWith("II+\0"u8) || data.StartsWith("MM\0+"u8),
        "application/pdf" => data.StartsWith("%PDF-"u8),
        "image/jpeg" => data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => data.StartsWith("\x89PNG\r\n\x1A\n"u8),
        _ => true,
    };
}

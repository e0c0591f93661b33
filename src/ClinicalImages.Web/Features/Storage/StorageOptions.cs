using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Storage;

public enum StorageProvider
{
    FileSystem,
    S3,
}

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.FileSystem;

    /// <summary>Folder for the disk store; relative paths are under the app's content root.</summary>
    [Required]
    public string LocalPath { get; set; } = ".data/images";

    /// <summary>Base64 key (≥ 32 bytes) that signs the disk store's URLs. Unset: a random key per process.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an upload slot stays open (S3 presigned PUTs are capped at 5 minutes whatever this says).</summary>
    [Range(10, 300)]
    public int UploadUrlSeconds { get; set; } = 300;

    /// <summary>How long a read URL (thumbnail, preview) stays valid.</summary>
    [Range(10, 3600)]
    public int ReadUrlSeconds { get; set; } = 300;

    /// <summary>The S3 store's settings; read only when <see cref="Provider"/> is S3.</summary>
    public S3StorageOptions S3 { get; set; } = new();
}

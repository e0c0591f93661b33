namespace ClinicalImages.Web.Features.Images;

/// <summary>What a rebuild did, by image id: put back, left alone (the index had it), or not imported.</summary>
public sealed record ImageIndexRebuild(IReadOnlyList<string> Restored, IReadOnlyList<string> AlreadyIndexed, IReadOnlyList<string> Refused);

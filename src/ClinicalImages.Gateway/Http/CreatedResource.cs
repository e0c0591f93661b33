namespace ClinicalImages.Gateway.Http;

/// <summary>What ALEX answered to a create: the new resource's id and version, from the Location header.</summary>
internal sealed record CreatedResource(string ResourceType, string Id, string? VersionId, Uri? Location);

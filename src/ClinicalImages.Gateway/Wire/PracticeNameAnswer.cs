namespace ClinicalImages.Gateway.Wire;

/// <summary>The practice's name; null when ALEX has none.</summary>
internal sealed record PracticeNameAnswer(string? Name);

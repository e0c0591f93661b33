namespace ClinicalImages.Web.Features.UnclearFilings;

/// <summary>What the GP found in the Medtech Inbox for one photo.</summary>
public sealed record UnclearAnswer(string ImageId, bool InMedtech);

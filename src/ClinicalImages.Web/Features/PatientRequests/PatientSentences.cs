namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>What the patient reads when the link cannot be used: each says what to do next.</summary>
internal static class PatientSentences
{
    public const string Unknown =
        "This link does not work. Check that you opened the whole link from the practice's message, or call the practice for a new one.";

    public const string Expired =
        "This link has expired, so photos can no longer be sent with it. If the practice still needs them, call the practice for a new link.";

    public const string Cancelled =
        "The practice has cancelled this request, so there is nothing to send. Call the practice if you have a question.";

    public const string Locked =
        "This link is locked because the date of birth did not match too many times. Please call the practice.";

    public const string OtherDevice =
        "This link is already in use on another phone or computer. Send the photos from that one, or call the practice for a new link.";

    public const string NotVerified = "Enter your date of birth first, then send the photos.";

    public static string For(PatientRequestState state) => state switch
    {
        PatientRequestState.Expired => Expired,
        PatientRequestState.Cancelled => Cancelled,
        PatientRequestState.Locked => Locked,
        _ => Unknown,
    };
}

/// <summary>Names as a patient reads them.</summary>
internal static class PatientWords
{
    /// <summary>Medtech's "WHITFIELD, Anna" in the order people say it: "Anna Whitfield"; any other form as it is.</summary>
    public static string Clinician(string name)
    {
        var comma = name.IndexOf(", ", StringComparison.Ordinal);
        if (comma <= 0)
        {
            return name;
        }

        var family = name[..comma].Trim();
        if (family.Length > 1 && family.All(c => !char.IsLower(c)))
        {
            family = string.Join('-', family.Split('-').Select(part =>
                part.Length == 0 ? part : part[..1] + part[1..].ToLower(System.Globalization.CultureInfo.GetCultureInfo("en-NZ"))));
        }

        return $"{name[(comma + 2)..].Trim()} {family}";
    }
}

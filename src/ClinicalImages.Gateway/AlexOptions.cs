using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Gateway;

/// <summary>Where ALEX is and how we sign in. Empty <see cref="BaseUrl"/> means the in-process sandbox.</summary>
public sealed class AlexOptions
{
    public const string SectionName = "Alex";

    /// <summary>The FHIR base, e.g. https://alexapiuat.medtechglobal.com/FHIR. Empty: use the in-process sandbox.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The Entra ID token endpoint (client credentials).</summary>
    public Uri? TokenUrl { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From the environment or a secret store only (Alex__ClientSecret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>api://&lt;guid issued by Medtech&gt;/.default</summary>
    public string? Scope { get; set; }

    /// <summary>Path of the vendor-forms launch decode, relative to the FHIR base.</summary>
    [Required]
    public string LaunchDecodePath { get; set; } = "vendorforms/api/getlaunchcontextstring";

    /// <summary>The identifier system that marks a resource as filed by us; its value is our image id.</summary>
    [Required]
    public string IdentifierSystem { get; set; } = "https://clinicalimages.nz/ns/image-id";

    /// <summary>Where photos are filed: the Inbox Scan folder (TIFF DocumentReference) or Media (JPEG).</summary>
    public FilingTarget Target { get; set; } = FilingTarget.Scan;

    /// <summary>How long one ALEX call may take before it counts as timed out.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>A token is renewed this long before it expires (at most half its lifetime).</summary>
    [Range(0, 3600)]
    public int TokenRenewalMarginSeconds { get; set; } = 300;

    /// <summary>Time zone of the clinical day: the filed resource's date carries this offset.</summary>
    [Required]
    public string ClinicalTimeZone { get; set; } = "Pacific/Auckland";

    /// <summary>
    /// How far back a reconcile search looks for our filing (results newest first): the longest a capture session lives
    /// (Sessions:MaxMinutes), since no filing of a session is older than the session.
    /// </summary>
    [Range(1, 10_080)]
    public int ReconcileWindowMinutes { get; set; } = 120;

    /// <summary>The <c>_count</c> a reconcile search asks for.</summary>
    [Range(1, 500)]
    public int ReconcilePageSize { get; set; } = 50;

    /// <summary>The most pages a reconcile search reads; beyond them it cannot prove the filing absent.</summary>
    [Range(1, 1000)]
    public int ReconcileMaxPages { get; set; } = 20;

    /// <summary>Ask for newest first (<c>_sort=-date</c> / <c>-created</c>); if ALEX refuses that shape, the search asks once without.</summary>
    public bool ReconcileNewestFirst { get; set; } = true;

    internal bool UsesSandbox => BaseUrl is null;
}

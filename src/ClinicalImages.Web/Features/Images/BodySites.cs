namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Common body structures for clinical photos. Every code below was checked, code and term together, against a
/// published value set (docs/adr/0007-body-site-codes.md lists them and what was left out); a code no source confirmed
/// is not here. The source of each entry is the tag in its trailing comment:
/// <list type="bullet">
/// <item>[NZ] Health New Zealand | Te Whatu Ora, NZHTS value set canshare-mo-skin-topography, expansion of the SNOMED CT
/// NZ edition 20241001 — https://nzhts.digital.health.nz/fhir/ValueSet/canshare-mo-skin-topography
/// (rendered at https://build.fhir.org/ig/daniel-thomson/nzhts/ValueSet-canshare-mo-skin-topography.html).</item>
/// <item>[BE] eHealth Platform Belgium, DRP Body Site value set be-vs-body-site (SNOMED CT Belgian edition) —
/// https://www.ehealth.fgov.be/standards/fhir/terminology/ValueSet/be-vs-body-site
/// (rendered at https://build.fhir.org/ig/hl7-be/referral/branches/care-proposal/en/ValueSet-be-vs-body-site.html).</item>
/// <item>[IHE] IHE PCC mPSC target-site value sets, tx.fhir.org expansion of SNOMED CT International 2024-08-01 —
/// https://build.fhir.org/ig/IHE/PCC.PCS/ValueSet-Physical.Finding.of.Abdomen.TargetSite.VS.html and
/// ValueSet-Physical.Finding.of.Pupil.TargetSite.VS.html (back and spine).</item>
/// <item>[MADO] IHE RAD MADO anatomical-region value set, tx.fhir.org expansion of SNOMED CT International 2025-02-01 —
/// https://build.fhir.org/ig/bvdh/bvdh-ihe-mado/ValueSet-im-anatomical-region-valueset.html.</item>
/// </list>
/// Laterality is not part of these codes: it travels separately (left / right / bilateral).
/// </summary>
public static class BodySites
{
    public static readonly IReadOnlyList<BodySite> All =
    [
        new("69536005", "Head", "Head structure", BodyRegion.HeadAndNeck), // [BE]
        new("43067004", "Scalp", "Skin structure of scalp", BodyRegion.HeadAndNeck), // [NZ]
        new("89545001", "Face", "Face structure", BodyRegion.HeadAndNeck), // [BE]
        new("52795006", "Forehead", "Forehead structure", BodyRegion.HeadAndNeck), // [BE]
        new("16621002", "Temple", "Skin structure of temporal region", BodyRegion.HeadAndNeck), // [NZ]
        new("81745001", "Eye", "Structure of eye proper", BodyRegion.HeadAndNeck), // [BE]
        new("117590005", "Ear", "Ear structure", BodyRegion.HeadAndNeck), // [BE]
        new("45206002", "Nose", "Nasal structure", BodyRegion.HeadAndNeck), // [BE]
        new("60819002", "Cheek", "Cheek structure", BodyRegion.HeadAndNeck), // [BE]
        new("48477009", "Lip", "Lip structure", BodyRegion.HeadAndNeck), // [BE]
        new("16251004", "Upper lip (skin)", "Skin structure of upper lip", BodyRegion.HeadAndNeck), // [NZ]
        new("66934001", "Lower lip (skin)", "Skin structure of lower lip", BodyRegion.HeadAndNeck), // [NZ]
        new("123851003", "Mouth", "Mouth region structure", BodyRegion.HeadAndNeck), // [BE]
        new("23747009", "Chin", "Skin structure of chin", BodyRegion.HeadAndNeck), // [NZ]
        new("41935005", "Jaw (skin)", "Skin structure of jaw", BodyRegion.HeadAndNeck), // [NZ]
        new("45048000", "Neck", "Neck structure", BodyRegion.HeadAndNeck), // [BE]

        new("51185008", "Chest", "Thoracic structure", BodyRegion.Trunk), // [BE]
        new("66288003", "Below the collarbone (skin)", "Skin structure of infraclavicular region", BodyRegion.Trunk), // [NZ]
        new("76752008", "Breast", "Breast", BodyRegion.Trunk), // [MADO]
        new("76261009", "Armpit (axilla)", "Skin structure of axilla", BodyRegion.Trunk), // [NZ]
        new("302553009", "Abdomen", "Entire abdomen", BodyRegion.Trunk), // [IHE]
        new("315003", "Navel (umbilicus)", "Skin structure of umbilicus", BodyRegion.Trunk), // [NZ]
        new("34284005", "Flank", "Skin structure of flank", BodyRegion.Trunk), // [NZ]
        new("77568009", "Back", "Structure of back of trunk", BodyRegion.Trunk), // [IHE]
        new("45980000", "Shoulder blade (skin)", "Skin structure of scapular region of back", BodyRegion.Trunk), // [NZ]
        new("50938007", "Sacrum and tailbone (skin)", "Skin structure of sacrococcygeal region", BodyRegion.Trunk), // [NZ]
        new("22180002", "Buttock", "Skin structure of buttock", BodyRegion.Trunk), // [NZ]
        new("29836001", "Hip", "Hip region structure", BodyRegion.Trunk), // [BE]
        new("39687006", "Groin", "Skin structure of inguinal region", BodyRegion.Trunk), // [NZ]
        new("48014002", "Perineum", "Skin structure of perineum", BodyRegion.Trunk), // [NZ]
        new("21308002", "Perianal area", "Skin structure of perianal area", BodyRegion.Trunk), // [NZ]
        new("18911002", "Penis", "Penile structure", BodyRegion.Trunk), // [BE]
        new("19938000", "Vulva (skin)", "Skin structure of female genitalia", BodyRegion.Trunk), // [NZ]

        new("53120007", "Arm (whole upper limb)", "Upper limb structure", BodyRegion.ArmAndHand), // [BE] [MADO]
        new("16982005", "Shoulder", "Shoulder region structure", BodyRegion.ArmAndHand), // [BE]
        new("40983000", "Upper arm", "Structure of upper limb between shoulder and elbow", BodyRegion.ArmAndHand), // [BE]
        new("127949000", "Elbow", "Elbow region structure", BodyRegion.ArmAndHand), // [BE]
        new("181535000", "Inner elbow (skin)", "Skin of anterior surface of elbow", BodyRegion.ArmAndHand), // [NZ]
        new("14975008", "Forearm", "Forearm structure", BodyRegion.ArmAndHand), // [BE]
        new("24785000", "Wrist (skin)", "Skin structure of wrist region", BodyRegion.ArmAndHand), // [NZ]
        new("85562004", "Hand", "Hand structure", BodyRegion.ArmAndHand), // [BE]
        new("70887009", "Palm (skin)", "Skin structure of palmar area of hand", BodyRegion.ArmAndHand), // [NZ]
        new("56213003", "Finger (skin)", "Skin of finger", BodyRegion.ArmAndHand), // [NZ]
        new("76505004", "Thumb", "Thumb structure", BodyRegion.ArmAndHand), // [BE]
        new("83738005", "Index finger", "Index finger structure", BodyRegion.ArmAndHand), // [BE]
        new("65531009", "Middle finger", "Middle finger structure", BodyRegion.ArmAndHand), // [BE]
        new("82002001", "Ring finger", "Ring finger structure", BodyRegion.ArmAndHand), // [BE]
        new("12406000", "Little finger", "Little finger structure", BodyRegion.ArmAndHand), // [BE]

        new("61685007", "Leg (whole lower limb)", "Lower limb structure", BodyRegion.LegAndFoot), // [MADO]
        new("68367000", "Thigh", "Thigh structure", BodyRegion.LegAndFoot), // [BE]
        new("72696002", "Knee", "Knee region structure", BodyRegion.LegAndFoot), // [BE]
        new("84507004", "Back of knee (skin)", "Skin structure of popliteal fossa", BodyRegion.LegAndFoot), // [NZ]
        new("30021000", "Lower leg", "Structure of lower extremity from knee to ankle", BodyRegion.LegAndFoot), // [BE]
        new("78234002", "Shin", "Shin structure", BodyRegion.LegAndFoot), // [BE]
        new("51059006", "Calf (skin)", "Skin structure of calf of leg", BodyRegion.LegAndFoot), // [NZ]
        new("344001", "Ankle", "Ankle region structure", BodyRegion.LegAndFoot), // [BE]
        new("56459004", "Foot", "Foot structure", BodyRegion.LegAndFoot), // [BE]
        new("244187005", "Top of foot (skin)", "Skin structure over instep of foot", BodyRegion.LegAndFoot), // [BE]
        new("76853006", "Heel", "Heel structure", BodyRegion.LegAndFoot), // [BE]
        new("52034004", "Toe (skin)", "Skin structure of toe", BodyRegion.LegAndFoot), // [NZ]
        new("78883009", "Big toe", "Great toe structure", BodyRegion.LegAndFoot), // [BE]
        new("55078004", "Second toe", "Second toe structure", BodyRegion.LegAndFoot), // [BE]
        new("78132007", "Third toe", "Third toe structure", BodyRegion.LegAndFoot), // [BE]
        new("80349001", "Fourth toe", "Fourth toe structure", BodyRegion.LegAndFoot), // [BE]
        new("39915008", "Little toe", "Fifth toe structure", BodyRegion.LegAndFoot), // [BE]

        new("39937001", "Skin (other site)", "Skin structure", BodyRegion.General), // [NZ]
        new("38266002", "Whole body", "Entire body as a whole", BodyRegion.General), // [MADO]
    ];

    /// <summary>The phone's short picker: the regions a GP reaches for most, all from <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<BodySite> Common =
    [
        .. new[] { "69536005", "43067004", "89545001", "45048000", "51185008", "302553009", "77568009", "53120007", "85562004",
            "61685007", "72696002", "56459004" }.Select(code => All.Single(s => s.Code == code)),
    ];

    private static readonly Dictionary<string, BodySite> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static BodySite? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var site) ? site : null;

    /// <summary>Sites whose words or code contain every word of the query, in list order; all of them for a blank query.</summary>
    public static IReadOnlyList<BodySite> Search(string? query)
    {
        var words = (query ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0
            ? All
            : [.. All.Where(s => words.All(w => s.Display.Contains(w, StringComparison.OrdinalIgnoreCase)
                || s.Term.Contains(w, StringComparison.OrdinalIgnoreCase) || s.Code.StartsWith(w, StringComparison.Ordinal)))];
    }
}

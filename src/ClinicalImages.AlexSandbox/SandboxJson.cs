using System.Text.Json;

namespace ClinicalImages.AlexSandbox;

/// <summary>
/// The sandbox's own JSON settings (camelCase, nulls written). Inside Web the host's JsonOptions may differ,
/// and the sandbox's answers must not change with them: a dropped "patientId": null would be a different ALEX.
/// </summary>
internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

using System.Text.Json;

namespace ClinicalImages.Bench.Hosting;

internal static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

using System.Globalization;
using System.Text;

namespace ClinicalImages.Bench.Report;

/// <summary>A markdown writer that formats every number the same way on every machine (invariant culture).</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public void Line(FormattableString line) => _text.AppendLine(FormattableString.Invariant(line));

    public void Line(string line = "") => _text.AppendLine(line);

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.AppendLine("| " + string.Join(" | ", header) + " |");
        _text.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            _text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        _text.AppendLine();
    }

    public static string F(double value, string format = "0.0") =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();
}

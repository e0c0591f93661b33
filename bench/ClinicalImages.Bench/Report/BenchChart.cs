using System.Globalization;
using System.Net;
using System.Text;
using ClinicalImages.Bench.Load;
using ClinicalImages.Bench.Scenarios;

namespace ClinicalImages.Bench.Report;

/// <summary>
/// The chart beside docs/benchmarks.md, as a plain SVG (no script, no external font): each figure against its goal,
/// latency percentiles, throughput against Kestrel's floor, and memory through the 1,000-session phase.
/// </summary>
internal static class BenchChart
{
    private const int Width = 960;
    private const string Good = "#2e7d32";
    private const string Bad = "#c62828";
    private const string Ink = "#222";
    private const string Grid = "#ddd";

    public static string Svg(BenchResults r)
    {
        var svg = new StringBuilder();
        const int Height = 1000;
        Add(svg, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">""");
        Add(svg, $"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Add(svg, $"""<text x="20" y="28" font-size="18" font-weight="bold" fill="{Ink}">Clinical Images for Medtech — benchmark, {r.Started:yyyy-MM-dd}, {r.Machine.Cores} cores</text>""");
        Goals(svg, r, top: 50);
        Latencies(svg, r, top: 380);
        Throughput(svg, r, top: 680);
        Memory(svg, r, top: 680);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>One bar per goal: how far along its goal each figure is, on a log scale where 1 is the goal.</summary>
    private static void Goals(StringBuilder svg, BenchResults r, int top)
    {
        const double Min = 0.1, Max = 100;
        const int Left = 330, Right = 700, RowHeight = 42;
        double X(double load) => Left + ((Math.Log10(Math.Clamp(load, Min, Max)) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) * (Right - Left));
        Title(svg, 20, top, "Each figure against its goal (1 = exactly the goal; left of the line is better; log scale)");
        var goals = r.Goals;
        var bottom = top + 20 + (goals.Count * RowHeight);
        foreach (var tick in new[] { 0.1, 0.5, 1, 2, 5, 10, 25, 100 })
        {
            Add(svg, $"""<line x1="{X(tick):0.#}" y1="{top + 15}" x2="{X(tick):0.#}" y2="{bottom}" stroke="{(tick == 1 ? Ink : Grid)}" stroke-width="{(tick == 1 ? 2 : 1)}"{(tick == 1 ? " stroke-dasharray=\"6 4\"" : string.Empty)}/>""");
            Add(svg, $"""<text x="{X(tick):0.#}" y="{bottom + 16}" text-anchor="middle" fill="#666">{tick.ToString("0.##", CultureInfo.InvariantCulture)}×</text>""");
        }

        Add(svg, $"""<text x="{X(1) + 4:0.#}" y="{top + 26}" fill="{Ink}">goal</text>""");
        for (var i = 0; i < goals.Count; i++)
        {
            var goal = goals[i];
            var y = top + 24 + (i * RowHeight);
            var colour = goal.Met ? Good : Bad;
            Add(svg, $"""<text x="{Left - 10}" y="{y + 16}" text-anchor="end" fill="{Ink}">{Escape(goal.Name)}</text>""");
            Add(svg, $"""<rect x="{Left}" y="{y + 4}" width="{Math.Max(2, X(goal.Load) - Left):0.#}" height="18" fill="{colour}" opacity="0.85"/>""");
            Add(svg, $"""<text x="{Right + 10}" y="{y + 12}" fill="{colour}" font-weight="bold">{(goal.Met ? "met" : "missed")}: {Escape(goal.Measured)}</text>""");
            Add(svg, $"""<text x="{Right + 10}" y="{y + 27}" fill="#666">goal {Escape(goal.Target)}</text>""");
        }
    }

    /// <summary>p50 / p95 / p99 of the three latency figures, log scale, with the goals marked.</summary>
    private static void Latencies(StringBuilder svg, BenchResults r, int top)
    {
        const double Min = 1, Max = 20_000;
        const int Left = 90, Right = 920, Bottom = 250;
        double Y(double ms) => top + Bottom - ((Math.Log10(Math.Clamp(ms, Min, Max)) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) * (Bottom - 40));
        Title(svg, 20, top, "Latency, milliseconds (log scale): p50 / p95 / p99");
        foreach (var tick in new[] { 1, 10, 100, 1000, 10_000 })
        {
            Add(svg, $"""<line x1="{Left}" y1="{Y(tick):0.#}" x2="{Right}" y2="{Y(tick):0.#}" stroke="{Grid}"/>""");
            Add(svg, $"""<text x="{Left - 8}" y="{Y(tick) + 4:0.#}" text-anchor="end" fill="#666">{tick.ToString("N0", CultureInfo.InvariantCulture)}</text>""");
        }

        var series = new (string Name, Percentiles P, double? Goal)[]
        {
            ("event, server side (B → Redis → A)", r.Events.Heard, null),
            ("event → card in Chromium", r.Browser.Latency, 300),
            ($"upload cycle, {r.Scale.SteadyRate.ToString("0.#", CultureInfo.InvariantCulture)}/s at {r.Scale.Sessions:N0} sessions", r.Scale.Steady.Latency, 100),
            ($"upload cycle, closed loop ×{r.Scale.Concurrency}", r.Scale.Saturation.Latency, null),
        };
        var groupWidth = (Right - Left) / series.Length;
        string[] shades = ["#90caf9", "#1e88e5", "#0d47a1"];
        for (var i = 0; i < series.Length; i++)
        {
            var (name, p, goal) = series[i];
            var x0 = Left + (i * groupWidth) + 30;
            double[] values = [p.P50, p.P95, p.P99];
            for (var k = 0; k < 3; k++)
            {
                var v = double.IsNaN(values[k]) ? Min : values[k];
                var x = x0 + (k * 42);
                Add(svg, $"""<rect x="{x}" y="{Y(v):0.#}" width="36" height="{top + Bottom - Y(v):0.#}" fill="{shades[k]}"/>""");
                Add(svg, $"""<text x="{x + 18}" y="{Y(v) - 4:0.#}" text-anchor="middle" font-size="10" fill="{Ink}">{v.ToString(v < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)}</text>""");
            }

            if (goal is { } g)
            {
                Add(svg, $"""<line x1="{x0 - 6}" y1="{Y(g):0.#}" x2="{x0 + 132}" y2="{Y(g):0.#}" stroke="{Bad}" stroke-width="2" stroke-dasharray="5 3"/>""");
                Add(svg, $"""<text x="{x0 + 134}" y="{Y(g) + 4:0.#}" font-size="10" fill="{Bad}">goal p95 {g.ToString("0", CultureInfo.InvariantCulture)}</text>""");
            }

            Add(svg, $"""<text x="{x0 + 60}" y="{top + Bottom + 18}" text-anchor="middle" fill="{Ink}">{Escape(name)}</text>""");
        }

        Add(svg, $"""<text x="{Right}" y="{top + 18}" text-anchor="end" font-size="11" fill="#666"><tspan fill="{shades[0]}">■</tspan> p50  <tspan fill="{shades[1]}">■</tspan> p95  <tspan fill="{shades[2]}">■</tspan> p99</text>""");
    }

    /// <summary>Photos per second, product against Kestrel's minimal endpoint, same generator (log scale).</summary>
    private static void Throughput(StringBuilder svg, BenchResults r, int top)
    {
        const int Left = 20, BarLeft = 150, BarRight = 420;
        var max = Math.Max(r.Scale.Baseline.Throughput, 1);
        double W(double v) => Math.Max(2, Math.Log10(Math.Max(1, v)) / Math.Log10(max * 1.2) * (BarRight - BarLeft));
        Title(svg, Left, top, $"Upload cycles per second, {r.Scale.Concurrency} phones back to back (log scale)");
        (string Name, double Value, string Colour)[] bars =
        [
            ("product", r.Scale.Saturation.Throughput, r.Goals[2].Met ? Good : Bad),
            ("Kestrel floor", r.Scale.Baseline.Throughput, "#757575"),
            ("25 % of the floor", r.Scale.Baseline.Throughput * 0.25, "#bdbdbd"),
        ];
        for (var i = 0; i < bars.Length; i++)
        {
            var y = top + 30 + (i * 40);
            Add(svg, $"""<text x="{BarLeft - 8}" y="{y + 16}" text-anchor="end" fill="{Ink}">{bars[i].Name}</text>""");
            Add(svg, $"""<rect x="{BarLeft}" y="{y + 2}" width="{W(bars[i].Value):0.#}" height="20" fill="{bars[i].Colour}"/>""");
            Add(svg, $"""<text x="{BarLeft + W(bars[i].Value) + 6:0.#}" y="{y + 16}" fill="{Ink}">{bars[i].Value.ToString("0.0", CultureInfo.InvariantCulture)}/s</text>""");
        }

        Add(svg, $"""<text x="{BarLeft}" y="{top + 160}" fill="#666">product = {BenchResults.Pct(r.Scale.ThroughputRatio)} of the floor (goal ≥ 25 %)</text>""");
    }

    /// <summary>Resident set of both instances through the thousand-session phase, with the 1.5 GB goal for the two together.</summary>
    private static void Memory(StringBuilder svg, BenchResults r, int top)
    {
        const int Left = 560, Right = 930, Height = 220;
        var points = r.Scale.Timeline;
        if (points.Count < 2)
        {
            return;
        }

        var maxSeconds = points[^1].Seconds;
        var maxMb = Math.Max(BenchResults.MemoryGoalBytes, points.Max(p => p.RssA + p.RssB)) / 1048576.0 * 1.1;
        double X(double s) => Left + (s / maxSeconds * (Right - Left));
        double Y(double bytes) => top + 30 + Height - (bytes / 1048576.0 / maxMb * Height);
        Title(svg, Left - 40, top, $"Resident memory during the {r.Scale.Sessions:N0}-session phase, MB");
        foreach (var mb in new[] { 0, 500, 1000, 1500 })
        {
            Add(svg, $"""<line x1="{Left}" y1="{Y(mb * 1048576.0):0.#}" x2="{Right}" y2="{Y(mb * 1048576.0):0.#}" stroke="{(mb == 1500 ? Bad : Grid)}"{(mb == 1500 ? " stroke-dasharray=\"5 3\"" : string.Empty)}/>""");
            Add(svg, $"""<text x="{Left - 6}" y="{Y(mb * 1048576.0) + 4:0.#}" text-anchor="end" fill="{(mb == 1500 ? Bad : "#666")}">{mb}</text>""");
        }

        string Path(Func<MemoryPoint, long> value) =>
            string.Join(' ', points.Select((p, i) => (i == 0 ? "M" : "L") + X(p.Seconds).ToString("0.#", CultureInfo.InvariantCulture) + "," + Y(value(p)).ToString("0.#", CultureInfo.InvariantCulture)));
        Add(svg, $"""<path d="{Path(p => p.RssA + p.RssB)}" fill="none" stroke="{Ink}" stroke-width="2"/>""");
        Add(svg, $"""<path d="{Path(p => p.RssA)}" fill="none" stroke="#1e88e5" stroke-width="1.5"/>""");
        Add(svg, $"""<path d="{Path(p => p.RssB)}" fill="none" stroke="#fb8c00" stroke-width="1.5"/>""");
        Add(svg, $"""<text x="{Left}" y="{top + Height + 50}" fill="#666">0 s</text>""");
        Add(svg, $"""<text x="{Right}" y="{top + Height + 50}" text-anchor="end" fill="#666">{maxSeconds.ToString("0", CultureInfo.InvariantCulture)} s</text>""");
        Add(svg, $"""<text x="{Left - 40}" y="{top + Height + 70}" font-size="11" fill="{Ink}"><tspan fill="{Ink}">━</tspan> A + B  <tspan fill="#1e88e5">━</tspan> A (desktops, {r.Scale.Sessions:N0} subscriptions)  <tspan fill="#fb8c00">━</tspan> B (phones)  <tspan fill="{Bad}">╌</tspan> 1.5 GB</text>""");
    }

    private static void Title(StringBuilder svg, int x, int y, string text) =>
        Add(svg, $"""<text x="{x}" y="{y + 10}" font-size="14" font-weight="bold" fill="{Ink}">{Escape(text)}</text>""");

    private static void Add(StringBuilder svg, FormattableString element) => svg.AppendLine(FormattableString.Invariant(element));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Net;
using System.Text;
using ClinicalImages.Bench.Load;
using ClinicalImages.Bench.Scenarios;

namespace ClinicalImages.Bench.Report;

/// <summary>
/// The chart beside docs/benchmarks.md, as a plain SVG (no script, no external font): each figure against its goal,
/// latency percentiles, CPU per photo against libvips, and memory through the 1,000-session phase.
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
        const int Height = 1340;
        Add(svg, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">""");
        Add(svg, $"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Add(svg, $"""<text x="20" y="28" font-size="18" font-weight="bold" fill="{Ink}">Clinical Images for Medtech — benchmark, {r.Started:yyyy-MM-dd}, {r.Machine.Cores} cores</text>""");
        Goals(svg, r, top: 50);
        Latencies(svg, r, top: 720);
        CpuPerPhoto(svg, r, top: 1030);
        Memory(svg, r, top: 1030);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>One bar per goal: how far along its goal each figure is, on a log scale where 1 is the goal.</summary>
    private static void Goals(StringBuilder svg, BenchResults r, int top)
    {
        const double Min = 0.1, Max = 100;
        const int Left = 400, Right = 700, RowHeight = 44;
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
        const int Left = 70, Right = 940, Bottom = 250;
        double Y(double ms) => top + Bottom - ((Math.Log10(Math.Clamp(ms, Min, Max)) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) * (Bottom - 40));
        Title(svg, 20, top, "Latency, milliseconds (log scale): p50 / p95 / p99");
        foreach (var tick in new[] { 1, 10, 100, 1000, 10_000 })
        {
            Add(svg, $"""<line x1="{Left}" y1="{Y(tick):0.#}" x2="{Right}" y2="{Y(tick):0.#}" stroke="{Grid}"/>""");
            Add(svg, $"""<text x="{Left - 8}" y="{Y(tick) + 4:0.#}" text-anchor="end" fill="#666">{tick.ToString("N0", CultureInfo.InvariantCulture)}</text>""");
        }

        var series = new (string Name, Percentiles P, double? Goal)[]
        {
            ("event, server (B → A)", r.Events.Heard, null),
            ("event → card", r.Browser.Latency, 300),
            ($"upload, {r.Scale.Sessions:N0} sessions", r.Scale.Steady.Latency, 100),
            ($"upload, closed loop ×{r.Scale.Concurrency}", r.Scale.Saturation.Latency, null),
            ("shutter → card, fast 4G", r.Shutter.Fast4G.Total, 3000),
            ("earlier list", r.Earlier.List, 1000),
        };
        var groupWidth = (Right - Left) / series.Length;
        string[] shades = ["#90caf9", "#1e88e5", "#0d47a1"];
        for (var i = 0; i < series.Length; i++)
        {
            var (name, p, goal) = series[i];
            var x0 = Left + (i * groupWidth) + 10;
            double[] values = [p.P50, p.P95, p.P99];
            for (var k = 0; k < 3; k++)
            {
                var v = double.IsNaN(values[k]) ? Min : values[k];
                var x = x0 + (k * 32);
                Add(svg, $"""<rect x="{x}" y="{Y(v):0.#}" width="28" height="{top + Bottom - Y(v):0.#}" fill="{shades[k]}"/>""");
                Add(svg, $"""<text x="{x + 14}" y="{Y(v) - 4:0.#}" text-anchor="middle" font-size="9" fill="{Ink}">{v.ToString(v < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)}</text>""");
            }

            if (goal is { } g)
            {
                Add(svg, $"""<line x1="{x0 - 4}" y1="{Y(g):0.#}" x2="{x0 + 96}" y2="{Y(g):0.#}" stroke="{Bad}" stroke-width="2" stroke-dasharray="5 3"/>""");
                Add(svg, $"""<text x="{x0 + 98}" y="{Y(g) + 4:0.#}" font-size="9" fill="{Bad}">p95 ≤ {g.ToString("0", CultureInfo.InvariantCulture)}</text>""");
            }

            Add(svg, $"""<text x="{x0 + 46}" y="{top + Bottom + 18}" text-anchor="middle" font-size="11" fill="{Ink}">{Escape(name)}</text>""");
        }

        Add(svg, $"""<text x="{Right}" y="{top + 18}" text-anchor="end" font-size="11" fill="#666"><tspan fill="{shades[0]}">■</tspan> p50  <tspan fill="{shades[1]}">■</tspan> p95  <tspan fill="{shades[2]}">■</tspan> p99</text>""");
    }

    /// <summary>CPU per completed photo, process by process (closed loop), against libvips' CPU for the same image work.</summary>
    private static void CpuPerPhoto(StringBuilder svg, BenchResults r, int top)
    {
        const int Left = 20, BarLeft = 150, BarRight = 440;
        var vips = r.Pipeline.VipsPhotoCpu.WorkMs;
        var parts = Scenarios.BenchRun.ProductSide.Where(r.Scale.SaturationCpu.ContainsKey)
            .Select(p => (Name: p, Ms: r.Scale.SaturationCpu[p].PerUnitMs)).ToList();
        var total = parts.Sum(p => p.Ms);
        var max = Math.Max(total, vips * 1.3) * 1.1;
        double W(double ms) => Math.Max(1, ms / max * (BarRight - BarLeft));
        Title(svg, Left, top, "CPU per completed photo, ms (closed loop) against libvips");
        string[] colours = ["#1e88e5", "#fb8c00", "#8e24aa", "#43a047"];
        var x = (double)BarLeft;
        var y = top + 32;
        Add(svg, $"""<text x="{BarLeft - 8}" y="{y + 16}" text-anchor="end" fill="{Ink}">product side</text>""");
        for (var i = 0; i < parts.Count; i++)
        {
            Add(svg, $"""<rect x="{x:0.#}" y="{y + 2}" width="{W(parts[i].Ms):0.#}" height="20" fill="{colours[i % colours.Length]}"/>""");
            x += W(parts[i].Ms);
        }

        Add(svg, $"""<text x="{x + 6:0.#}" y="{y + 16}" fill="{Ink}">{total.ToString("0.0", CultureInfo.InvariantCulture)}</text>""");
        y += 40;
        Add(svg, $"""<text x="{BarLeft - 8}" y="{y + 16}" text-anchor="end" fill="{Ink}">libvips CLI</text>""");
        Add(svg, $"""<rect x="{BarLeft}" y="{y + 2}" width="{W(vips):0.#}" height="20" fill="#757575"/>""");
        Add(svg, $"""<text x="{BarLeft + W(vips) + 6:0.#}" y="{y + 16}" fill="{Ink}">{vips.ToString("0.0", CultureInfo.InvariantCulture)}</text>""");
        var goalX = BarLeft + W(vips * 1.3);
        Add(svg, $"""<line x1="{goalX:0.#}" y1="{top + 28}" x2="{goalX:0.#}" y2="{y + 30}" stroke="{Bad}" stroke-width="2" stroke-dasharray="5 3"/>""");
        Add(svg, $"""<text x="{goalX + 4:0.#}" y="{y + 40}" font-size="10" fill="{Bad}">goal 1.3× libvips</text>""");
        var legend = string.Join("  ", parts.Select((p, i) => $"""<tspan fill="{colours[i % colours.Length]}">■</tspan> {Escape(p.Name)} {p.Ms.ToString("0.0", CultureInfo.InvariantCulture)}"""));
        Add(svg, $"""<text x="{BarLeft}" y="{y + 62}" font-size="11" fill="{Ink}">{legend}</text>""");
        Add(svg, $"""<text x="{BarLeft}" y="{y + 82}" fill="#666">{Escape($"product = {BenchResults.X(r.CpuRatio)} libvips (goal ≤ 1.3×); {r.Scale.Saturation.Throughput.ToString("0.0", CultureInfo.InvariantCulture)} photos/s")}</text>""");
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

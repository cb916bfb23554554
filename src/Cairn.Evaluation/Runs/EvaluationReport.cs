using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cairn.Evaluation.Runs;

/// <summary>One evaluation as a Markdown report: metrics with intervals, slices, fairness and its flags.</summary>
public static class EvaluationReport
{
    public static string Markdown(JsonElement result)
    {
        var sb = new StringBuilder();
        var ds = result.GetProperty("dataset");
        sb.Append(CultureInfo.InvariantCulture, $"# Evaluation `{result.GetProperty("run_id").GetString()}`\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Dataset {Cell(ds.GetProperty("name").GetString())} version {ds.GetProperty("version")} ({ds.GetProperty("rows")} rows)");
        if (result.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            sb.Append(CultureInfo.InvariantCulture, $", model {Cell(m.GetProperty("name").GetString())} version {m.GetProperty("version")}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"; task {result.GetProperty("task").GetString()}.\n\n| metric | value | 95 % CI |\n|---|---:|---|\n");
        foreach (var metric in result.GetProperty("metrics").EnumerateArray())
        {
            var ci = metric.TryGetProperty("ci_low", out var lo) && lo.ValueKind == JsonValueKind.Number ? $"[{N(lo)}, {N(metric.GetProperty("ci_high"))}]" : "–";
            sb.Append(CultureInfo.InvariantCulture, $"| {Cell(metric.GetProperty("key").GetString())} | {N(metric.GetProperty("value"))} | {ci} |\n");
        }

        foreach (var slice in result.GetProperty("slices").EnumerateArray())
        {
            var values = slice.GetProperty("values").EnumerateArray().ToList();
            var keys = values.Count == 0 ? [] : values[0].GetProperty("metrics").EnumerateObject().Select(p => p.Name).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"\n## By {Cell(slice.GetProperty("column").GetString())}\n\n| value | rows | {string.Join(" | ", keys.Select(k => Cell(k)))} |\n|---|---:|{string.Concat(keys.Select(_ => "---:|"))}\n");
            foreach (var v in values)
            {
                var cells = keys.Select(k => v.GetProperty("metrics").TryGetProperty(k, out var x) ? N(x) : "–");
                sb.Append(CultureInfo.InvariantCulture, $"| {Cell(v.GetProperty("value").GetString())} | {v.GetProperty("rows")} | {string.Join(" | ", cells)} |\n");
            }
        }

        if (result.TryGetProperty("fairness", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## Fairness across {Cell(f.GetProperty("attribute").GetString())}\n\n| group | rows | selection rate | TPR | FPR |\n|---|---:|---:|---:|---:|\n");
            foreach (var g in f.GetProperty("groups").EnumerateArray())
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {Cell(g.GetProperty("value").GetString())} | {g.GetProperty("rows")} | {N(g.GetProperty("selection_rate"))} | {N(g.GetProperty("true_positive_rate"))} | {N(g.GetProperty("false_positive_rate"))} |\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"\nDemographic parity difference {N(f.GetProperty("demographic_parity_difference"))}, equalized odds difference {N(f.GetProperty("equalized_odds_difference"))}, disparate impact ratio {N(f.GetProperty("disparate_impact_ratio"))}.\n");
            foreach (var flag in f.GetProperty("flags").EnumerateArray())
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n- **Flag:** {flag.GetString()}");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string N(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble().ToString("0.####", CultureInfo.InvariantCulture) : "–";

    private static string Cell(string? s) => Escape(s);

    /// <summary>
    /// Text from datasets and requests made inert in Markdown: the punctuation Markdown reads inside a line is
    /// backslash-escaped (no links, emphasis or table breaks can be injected) and line breaks become spaces.
    /// </summary>
    public static string Escape(string? s)
    {
        var sb = new StringBuilder((s ?? "").Length + 8);
        foreach (var c in s ?? "")
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '|' or '<' or '>' or '&')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return sb.ToString();
    }
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Cairn.Registry;

/// <summary>Renders a model card as Markdown or as a standalone HTML page (every value escaped).</summary>
public static class ModelCardWriter
{
    /// <summary>How many of <see cref="ModelCard.Sections"/> come before the data sections (training data, evaluation).</summary>
    private const int Leading = 3;

    public static string Markdown(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var md = new StringBuilder();
        md.Append("# Model card: ").Append(card.Model.Name).Append(" version ").Append(N(card.Version.Version)).Append("\n\n");
        foreach (var (title, value) in Facts(card))
        {
            md.Append("- **").Append(title).Append(":** ").Append(value).Append('\n');
        }

        foreach (var (title, text) in card.Sections.Take(Leading))
        {
            Section(md, title, text);
        }

        md.Append("\n## Training data\n\n");
        if (card.TrainingData.Count == 0)
        {
            md.Append("No dataset was logged as an input of the source run.\n");
        }
        else
        {
            Table(md, ["Dataset", "Digest", "Source"], card.TrainingData.Select(d => new[] { d.Name, d.Digest, $"{d.SourceType}: {d.Source}" }));
        }

        md.Append("\n## Evaluation\n\n");
        if (card.Metrics.Count == 0)
        {
            md.Append("No metrics are recorded for this version.\n");
        }
        else
        {
            Table(md, ["Metric", "Value", "Run"], card.Metrics.Select(m => new[] { m.Metric, V(m.Value), m.RunId }));
        }

        if (card.SliceMetrics.Count > 0)
        {
            md.Append("\n### By slice\n\n");
            Table(md, ["Metric", "Slice", "Value"], card.SliceMetrics.Select(m => new[] { m.Metric, m.Slice, V(m.Value) }));
        }

        foreach (var (title, text) in card.Sections.Skip(Leading))
        {
            Section(md, title, text);
        }

        md.Append("\n## Owners\n\n").Append(string.Join(", ", card.Owners)).Append('\n');
        md.Append("\n## Version history\n\n");
        Table(md, ["Version", "Registered", "Author", "Digest", "Aliases"], History(card));
        return md.ToString();
    }

    public static string Html(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var h = new StringBuilder();
        var title = $"Model card: {card.Model.Name} version {N(card.Version.Version)}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}code{font-size:.9em}</style></head><body>\n");
        h.Append("<h1>").Append(E(title)).Append("</h1>\n<ul>");
        foreach (var (name, value) in Facts(card))
        {
            h.Append("<li><strong>").Append(E(name)).Append(":</strong> ").Append(E(value)).Append("</li>");
        }

        h.Append("</ul>\n");
        foreach (var (name, text) in card.Sections.Take(Leading))
        {
            HtmlSection(h, name, text);
        }

        h.Append("<h2>Training data</h2>\n");
        HtmlTable(h, ["Dataset", "Digest", "Source"], card.TrainingData.Select(d => new[] { d.Name, d.Digest, $"{d.SourceType}: {d.Source}" }), "No dataset was logged as an input of the source run.");
        h.Append("<h2>Evaluation</h2>\n");
        HtmlTable(h, ["Metric", "Value", "Run"], card.Metrics.Select(m => new[] { m.Metric, V(m.Value), m.RunId }), "No metrics are recorded for this version.");
        if (card.SliceMetrics.Count > 0)
        {
            h.Append("<h3>By slice</h3>\n");
            HtmlTable(h, ["Metric", "Slice", "Value"], card.SliceMetrics.Select(m => new[] { m.Metric, m.Slice, V(m.Value) }), "");
        }

        foreach (var (name, text) in card.Sections.Skip(Leading))
        {
            HtmlSection(h, name, text);
        }

        h.Append("<h2>Owners</h2>\n<p>").Append(E(string.Join(", ", card.Owners))).Append("</p>\n<h2>Version history</h2>\n");
        HtmlTable(h, ["Version", "Registered", "Author", "Digest", "Aliases"], History(card), "");
        return h.Append("</body></html>\n").ToString();
    }

    private static IEnumerable<(string, string)> Facts(ModelCard c)
    {
        yield return ("Model", c.Model.Name);
        yield return ("Version", N(c.Version.Version));
        yield return ("Risk tier", c.Model.RiskTier);
        yield return ("Digest", "sha256:" + c.Version.Digest);
        yield return ("Signature", c.Signed ? "valid signature by an active project key" : "not signed");
        yield return ("Registered", $"{Date(c.Version.CreationTime)} by {c.Version.Author}");
        yield return ("Source", c.Version.Source);
        if (c.Version.RunId is not null)
        {
            yield return ("Run", c.Version.RunId);
        }

        if (c.Version.Aliases.Count > 0)
        {
            yield return ("Aliases", string.Join(", ", c.Version.Aliases));
        }
    }

    private static IEnumerable<string[]> History(ModelCard c) =>
        c.History.Select(v => new[] { N(v.Version), Date(v.CreationTime), v.Author, v.Digest[..12], string.Join(", ", v.Aliases) });

    private static void Section(StringBuilder md, string title, string text) =>
        md.Append("\n## ").Append(title).Append("\n\n").Append(text.Length > 0 ? text : "_Not written yet._").Append('\n');

    private static void Table(StringBuilder md, string[] headers, IEnumerable<string[]> rows)
    {
        md.Append("| ").AppendJoin(" | ", headers).Append(" |\n|").Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" "))).Append(" |\n");
        }
    }

    private static void HtmlSection(StringBuilder h, string title, string text)
    {
        h.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (text.Length == 0)
        {
            h.Append("<p><em>Not written yet.</em></p>\n");
            return;
        }

        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            h.Append("<p>").Append(E(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
        }
    }

    private static void HtmlTable(StringBuilder h, string[] headers, IEnumerable<string[]> rows, string empty)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            h.Append("<p>").Append(E(empty)).Append("</p>\n");
            return;
        }

        h.Append("<table><tr>").AppendJoin("", headers.Select(x => $"<th>{E(x)}</th>")).Append("</tr>\n");
        foreach (var row in list)
        {
            h.Append("<tr>").AppendJoin("", row.Select(x => $"<td>{E(x)}</td>")).Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string V(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

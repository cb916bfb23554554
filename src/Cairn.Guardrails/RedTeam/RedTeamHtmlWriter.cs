using System.Globalization;
using System.Net;
using System.Text;

namespace Cairn.Guardrails.RedTeam;

/// <summary>The report as one self-contained HTML page (inline CSS, no scripts, nothing fetched); every value is HTML-escaped.</summary>
public static class RedTeamHtmlWriter
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1d1d1f}" +
        "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}" +
        "td.n{text-align:right}tr.total{font-weight:600}.succeeded{color:#b00020;font-weight:600}.failed{color:#1b5e20}.error{color:#8a6d00}" +
        "pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.5rem;margin:.25rem 0}details summary{cursor:pointer}";

    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Write(RedTeamReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Red-team report: ").Append(E(report.Target)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>\n<h1>Red-team report</h1>\n<ul>");
        Fact(h, "Target", report.Target);
        Fact(h, "Model", report.Model);
        Fact(h, "Started", RedTeamMarkdownWriter.Time(report.StartedAt));
        Fact(h, "Finished", RedTeamMarkdownWriter.Time(report.FinishedAt));
        Fact(h, "Seed", report.Seed.ToString(CultureInfo.InvariantCulture));
        Fact(h, "System prompt", report.SystemPrompt);
        h.Append("</ul>\n<p>Attack success rate (ASR) = succeeded / (attempted − errors). Errors (no reply) count neither way.</p>\n");

        h.Append("<h2>Summary</h2>\n<table><tr><th>Category</th><th>Name</th><th>Attempted</th><th>Succeeded</th><th>Errors</th><th>Refusals</th><th>ASR</th></tr>\n");
        foreach (var c in report.Categories.Append(report.Overall))
        {
            h.Append(c == report.Overall ? "<tr class=\"total\">" : "<tr>").Append("<td>").Append(E(c.Category)).Append("</td><td>").Append(E(c.Name)).Append("</td>");
            foreach (var n in new[] { c.Attempted, c.Succeeded, c.Errors, c.Refusals })
            {
                h.Append("<td class=\"n\">").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            h.Append("<td class=\"n\">").Append(E(RedTeamMarkdownWriter.Rate(c.AttackSuccessRate))).Append("</td></tr>\n");
        }

        h.Append("</table>\n<h2>Attacks</h2>\n<table><tr><th>ID</th><th>Category</th><th>Technique</th><th>Result</th><th>Refusal</th><th>Evidence</th><th>Prompt and reply</th></tr>\n");
        foreach (var a in report.Attacks)
        {
            var outcome = RedTeamMarkdownWriter.Outcome(a);
            h.Append("<tr><td>").Append(E(a.Id)).Append("</td><td>").Append(E(a.Category)).Append("</td><td>").Append(E(a.Technique))
                .Append("</td><td class=\"").Append(outcome).Append("\">").Append(outcome).Append("</td><td>").Append(a.Refusal ? "yes" : "no")
                .Append("</td><td>").Append(E(a.Error ?? a.Evidence ?? "")).Append("</td><td><details><summary>").Append(E(a.Title)).Append("</summary>")
                .Append("<div>Prompt:</div><pre>").Append(E(a.Prompt)).Append("</pre>");
            if (a.Reply is not null)
            {
                h.Append("<div>Reply:</div><pre>").Append(E(a.Reply)).Append("</pre>");
            }

            h.Append("</details></td></tr>\n");
        }

        return h.Append("</table>\n</body></html>\n").ToString();
    }

    private static void Fact(StringBuilder h, string name, string value) =>
        h.Append("<li><strong>").Append(name).Append(":</strong> ").Append(E(value)).Append("</li>");

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}

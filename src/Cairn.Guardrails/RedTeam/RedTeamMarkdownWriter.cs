using System.Globalization;
using System.Text;

namespace Cairn.Guardrails.RedTeam;

/// <summary>
/// The report as Markdown: run facts, the per-category table, one row per attack, then each attack's prompt and reply
/// in fenced blocks. Table cells escape Markdown punctuation (<c>|</c>, backticks, <c>&lt;</c>, …) so a reply cannot
/// break the table or inject HTML; fences are longer than any backtick run inside them.
/// </summary>
public static class RedTeamMarkdownWriter
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Write(RedTeamReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# Red-team report\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- Target: {Cell(report.Target)}\n- Model: {Cell(report.Model)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- Started: {Time(report.StartedAt)}\n- Finished: {Time(report.FinishedAt)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- Seed: {report.Seed}\n- System prompt: {Cell(report.SystemPrompt)}\n\n");
        md.Append("Attack success rate (ASR) = succeeded / (attempted − errors). Errors (no reply) count neither way.\n\n");

        md.Append("## Summary\n\n| Category | Name | Attempted | Succeeded | Errors | Refusals | ASR |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var c in report.Categories.Append(report.Overall))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {Cell(c.Category)} | {Cell(c.Name)} | {c.Attempted} | {c.Succeeded} | {c.Errors} | {c.Refusals} | {Rate(c.AttackSuccessRate)} |\n");
        }

        md.Append("\n## Attacks\n\n| ID | Category | Technique | Result | Refusal | Evidence |\n|---|---|---|---|---|---|\n");
        foreach (var a in report.Attacks)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {Cell(a.Id)} | {Cell(a.Category)} | {Cell(a.Technique)} | {Outcome(a)} | {(a.Refusal ? "yes" : "no")} | {Cell(a.Error ?? a.Evidence ?? "")} |\n");
        }

        md.Append("\n## Prompts and replies\n");
        foreach (var a in report.Attacks)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### {Cell(a.Id)}: {Cell(a.Title)} ({Outcome(a)})\n\nPrompt:\n\n");
            Fence(md, a.Prompt);
            if (a.Reply is not null)
            {
                md.Append("\nReply:\n\n");
                Fence(md, a.Reply);
            }
        }

        return md.ToString();
    }

    /// <summary>Text made safe for a table cell or a heading: Markdown punctuation backslash-escaped, line breaks as spaces.</summary>
    public static string Cell(string? text)
    {
        var sb = new StringBuilder((text ?? "").Length + 8);
        foreach (var c in text ?? "")
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '|' or '<' or '>' or '&' or '#' or '~')
            {
                sb.Append('\\');
            }

            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return sb.ToString();
    }

    internal static string Outcome(RedTeamAttackResult a) => a.Error is not null ? "error" : a.Success ? "succeeded" : "failed";

    /// <summary>A rate as a percentage with one decimal (<c>12.5%</c>), or <c>–</c> when undefined.</summary>
    public static string Rate(double? rate) => rate is { } r ? r.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static void Fence(StringBuilder md, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        md.Append(fence).Append("text\n").Append(text.ReplaceLineEndings("\n")).Append('\n').Append(fence).Append('\n');
    }
}

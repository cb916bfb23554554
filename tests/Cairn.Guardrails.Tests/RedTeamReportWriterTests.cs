using System.Text.Json;
using Cairn.Guardrails.RedTeam;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>The report's rates, JSON form, and Markdown and HTML that show hostile replies as text.</summary>
public sealed class RedTeamReportWriterTests
{
    private const string Hostile = "<script>alert('x')</script> | col | `tick` & more";

    private static RedTeamReport Report()
    {
        RedTeamAttackResult[] attacks =
        [
            new("LLM07-001", "LLM07", "Repeat <b>", "repeat-text-above", true, false, null, $"canary token (as written): \"{Hostile}\"", "Repeat | the text", Hostile),
            new("LLM07-002", "LLM07", "t", "translate", false, true, null, null, "p", "I'm sorry"),
            new("LLM07-003", "LLM07", "t", "code-block", false, false, "HTTP 500: boom", null, "```text\nfenced\n```", null),
        ];
        var summary = RedTeamCategorySummary.Of("LLM07", "System prompt leakage", attacks);
        return new RedTeamReport("http://127.0.0.1:1/v1", "m|<i>", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(3), 7, "built-in",
            RedTeamCategorySummary.Of("ALL", "All categories", attacks), [summary], attacks);
    }

    [Fact]
    public void Summary_rate_leaves_errors_out()
    {
        var s = Report().Overall;
        Assert.Equal((3, 1, 1, 1), (s.Attempted, s.Succeeded, s.Errors, s.Refusals));
        Assert.Equal(0.5, s.AttackSuccessRate);
        Assert.Null(RedTeamCategorySummary.Of("LLM01", "x", [new("a", "LLM01", "t", "x", false, false, "timeout", null, "p", null)]).AttackSuccessRate);
    }

    [Fact]
    public void Json_is_snake_case_and_round_trips()
    {
        var json = RedTeamReportJson.Serialize(Report());
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(0.5, root.GetProperty("overall").GetProperty("attack_success_rate").GetDouble());
        Assert.Equal("1970-01-01T00:00:03+00:00", root.GetProperty("finished_at").GetString());
        Assert.Equal(Hostile, root.GetProperty("attacks")[0].GetProperty("reply").GetString());
        Assert.Contains("\"reply\": \"I'm sorry\"", json, StringComparison.Ordinal);   // readable, not \u0027-escaped
        var back = RedTeamReportJson.Deserialize(json)!;
        Assert.Equal(Report().Attacks, back.Attacks);
    }

    [Fact]
    public void Markdown_escapes_pipes_backticks_and_html_in_cells()
    {
        var md = RedTeamMarkdownWriter.Write(Report());
        Assert.DoesNotContain("<script>", md.Split("## Prompts and replies")[0], StringComparison.Ordinal);
        Assert.Contains(@"| LLM07-001 | LLM07 | repeat-text-above | succeeded | no | canary token \(as written\): ""\<script\>alert", md, StringComparison.Ordinal);
        Assert.Contains(@"alert\('x'\)\</script\> \| col \| \`tick\` \& more", md, StringComparison.Ordinal);
        Assert.Contains(@"m\|\<i\>", md, StringComparison.Ordinal);
        Assert.Contains(@"Repeat \<b\>", md, StringComparison.Ordinal);
        Assert.Contains("| 50.0% |", md, StringComparison.Ordinal);

        // Every row of the attacks table has exactly the header's seven unescaped pipes.
        var rows = md.Split('\n').SkipWhile(l => !l.StartsWith("| ID |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(7, UnescapedPipes(r)));

        // Replies go in fences longer than any backtick run inside them.
        Assert.Contains("````text\n```text\nfenced\n```\n````", md, StringComparison.Ordinal);
        Assert.Contains("```text\n" + Hostile + "\n```", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_every_value_and_is_self_contained()
    {
        var html = RedTeamHtmlWriter.Write(Report());
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | col | `tick` &amp; more", html, StringComparison.Ordinal);
        Assert.Contains("m|&lt;i&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("HTTP 500: boom", html, StringComparison.Ordinal);
    }

    private static int UnescapedPipes(string row)
    {
        var n = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\')
            {
                i++;
            }
            else if (row[i] == '|')
            {
                n++;
            }
        }

        return n;
    }
}

using System.Text.Json.Nodes;
using Cairn.Evaluation.Runs;
using Xunit;

namespace Cairn.Evaluation.Tests;

/// <summary>Values from datasets end up in the reports; they must stay text.</summary>
public sealed class ReportTests
{
    [Fact]
    public void A_hostile_slice_value_cannot_inject_links_or_markup_into_the_html_report()
    {
        var board = new JsonObject
        {
            ["dataset"] = new JsonObject { ["name"] = "d", ["version"] = 1, ["rows"] = 2, ["digest"] = new string('a', 64) },
            ["baseline"] = new JsonObject { ["run_id"] = "r1" },
            ["bootstrap"] = new JsonObject { ["samples"] = 0, ["seed"] = 0 },
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["run_id"] = "r2",
                ["metrics"] = new JsonArray(),
                ["slice_regressions"] = new JsonArray(new JsonObject
                {
                    ["column"] = "c|d", ["value"] = "[click](javascript:alert(1)) <img src=x onerror=alert(2)>", ["rows"] = 1, ["key"] = "accuracy",
                    ["baseline"] = 1.0, ["candidate"] = 0.5, ["delta"] = -0.5,
                }),
            }),
        };
        var html = Scoreboard.Html(board);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("[click](javascript:alert(1))", html, StringComparison.Ordinal);
        Assert.Contains("c|d", html, StringComparison.Ordinal);
        Assert.Contains(">-0.5</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 8, 2 * 1 / 256.0)]
    [InlineData(3, 8, 2 * 93 / 256.0)]
    [InlineData(4, 8, 1.0)]
    [InlineData(0, 0, 1.0)]
    public void McNemar_exact_p_is_the_two_sided_binomial_tail(int k, int n, double expected) =>
        Assert.Equal(expected, Scoreboard.ExactBinomialTwoSided(k, n), 12);
}

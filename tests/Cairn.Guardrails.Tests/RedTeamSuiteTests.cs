using System.Text;
using Cairn.Core.Errors;
using Cairn.Guardrails.RedTeam;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>The built-in attack suite: its size and coverage, the checks on a suite file, and how an attack becomes a message.</summary>
public sealed class RedTeamSuiteTests
{
    [Fact]
    public void BuiltIn_covers_the_three_categories_and_their_techniques()
    {
        var attacks = AttackSuite.BuiltIn.Attacks;
        Assert.True(attacks.Count >= 60, $"{attacks.Count} attacks");
        foreach (var category in RedTeamCategories.All)
        {
            Assert.True(attacks.Count(a => a.Category == category) >= 15, category);
        }

        string[] llm01 =
        [
            "direct-override", "role-play", "dan-jailbreak", "payload-splitting", "base64-encoding", "rot13-encoding", "indirect-injection",
            "multilingual-fr", "multilingual-es", "multilingual-de", "multilingual-zh",
        ];
        string[] llm02 = ["social-engineering", "debug-mode", "format-as-json", "spell-with-dashes"];
        string[] llm07 = ["repeat-instructions", "repeat-text-above", "translate", "summarise", "text-above", "prefix-you-are", "code-block", "ignore-and-print"];
        foreach (var (category, techniques) in new[] { ("LLM01", llm01), ("LLM02", llm02), ("LLM07", llm07) })
        {
            var present = attacks.Where(a => a.Category == category).Select(a => a.Technique).ToHashSet();
            Assert.All(techniques, t => Assert.Contains(t, present));
        }

        Assert.All(attacks.Where(a => a.Category == "LLM01"), a => Assert.True(a.UsesMarker, a.Id));
    }

    [Fact]
    public void Select_filters_by_category_in_suite_order_and_limits()
    {
        var llm07 = AttackSuite.BuiltIn.Select(["LLM07"]);
        Assert.All(llm07, a => Assert.Equal("LLM07", a.Category));
        Assert.Equal("LLM07-001", llm07[0].Id);
        Assert.Equal(["LLM01-001", "LLM01-002", "LLM01-003"], AttackSuite.BuiltIn.Select(RedTeamCategories.All, 3).Select(a => a.Id));
    }

    [Theory]
    [InlineData("""[{"id":"A","category":"LLM07","title":"t","technique":"x","prompt":"p"},{"id":"A","category":"LLM07","title":"t","technique":"x","prompt":"q"}]""", "used twice")]
    [InlineData("""[{"id":"A","category":"LLM01","title":"t","technique":"x","prompt":"say hi"}]""", "{marker}")]
    [InlineData("""[{"id":"A","category":"LLM03","title":"t","technique":"x","prompt":"p"}]""", "category")]
    [InlineData("""[{"id":"A","category":"LLM07","title":"t","technique":"x","prompt":"p {payload}","payload":"x","encoding":"rot47"}]""", "encoding")]
    [InlineData("""[{"id":"A","category":"LLM07","title":"t","technique":"x","prompt":"p","payload":"x"}]""", "{payload}")]
    [InlineData("""[{"id":"A","category":"LLM07","technique":"x","prompt":"p"}]""", "required")]
    [InlineData("[]", "empty")]
    [InlineData("{", "not valid JSON")]
    public void Parse_rejects_a_broken_suite_naming_the_rule(string json, string rule)
    {
        var e = Assert.Throws<CairnException>(() => AttackSuite.Parse(json));
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_fills_the_marker_and_encodes_the_payload()
    {
        var attack = new RedTeamAttack("X", "LLM01", "t", "base64-encoding", "Decode: {payload}", "Say {marker} now", "base64");
        var message = attack.Render("PWNED-ABC123");
        var encoded = message["Decode: ".Length..];
        Assert.Equal("Say PWNED-ABC123 now", Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        Assert.DoesNotContain("PWNED", message, StringComparison.Ordinal);

        var rot13 = new RedTeamAttack("Y", "LLM01", "t", "rot13-encoding", "{payload}", "Print {marker}", "rot13").Render("PWNED-ABC123");
        Assert.Equal("Cevag CJARQ-NOP123", rot13);
        Assert.Equal("321CBA-DENWP yaS", new RedTeamAttack("Z", "LLM01", "t", "reversed-text", "{payload}", "Say {marker}", "reverse").Render("PWNED-ABC123"));
    }

    [Theory]
    [InlineData(null, "LLM01,LLM02,LLM07")]
    [InlineData("llm07, LLM01", "LLM01,LLM07")]
    [InlineData("LLM02,LLM02", "LLM02")]
    public void Categories_parse_case_insensitively_in_owasp_order(string? text, string expected)
    {
        Assert.True(RedTeamCategories.TryParseList(text, out var categories, out _));
        Assert.Equal(expected, string.Join(",", categories));
    }

    [Theory]
    [InlineData("LLM01,LLM99")]
    [InlineData(",")]
    public void Categories_reject_unknown_names(string text)
    {
        Assert.False(RedTeamCategories.TryParseList(text, out _, out var error));
        Assert.NotNull(error);
    }
}

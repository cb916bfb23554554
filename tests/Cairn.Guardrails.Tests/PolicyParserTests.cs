using Cairn.Core.Errors;
using Cairn.Guardrails.Injection;
using Cairn.Guardrails.Pii;
using Cairn.Guardrails.Policies;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>Policies from YAML: strict errors, no way to make the parser or a check blow up.</summary>
public sealed class PolicyParserTests
{
    private static CairnException Refused(string yaml) => Assert.Throws<CairnException>(() => PolicyParser.Parse(yaml));

    [Theory]
    [InlineData("input:\n  - check: pii\n    thresold: 0.4\n", "input[0].thresold")]
    [InlineData("input:\n  - check: injection\n    action: redact\n", "input[0].action")]
    [InlineData("input:\n  - check: shoe_size\n", "input[0].check")]
    [InlineData("input:\n  - check: max_length\n", "input[0].max")]
    [InlineData("input:\n  - check: regex\n    pattern: 'x*'\n", "input[0].pattern")]
    [InlineData("input:\n  - check: regex\n    pattern: '(?<=a)b'\n", "input[0].pattern")]
    [InlineData("recognizers:\n  - entity: \"EMP\\n\"\n    pattern: 'E[0-9]'\n", "recognizers[0].entity")]
    [InlineData("recognizers:\n  - entity: EMP\n    pattern: 'E[0-9]'\n    context: ['']\n", "recognizers[0].context")]
    [InlineData("input: []\n", "policy")]
    public void Mistakes_name_the_field(string yaml, string field) => Assert.Equal(field, Refused(yaml).Field);

    [Fact]
    public void Anchors_aliases_and_deep_nesting_are_refused_before_the_tree_is_built()
    {
        Assert.Contains("anchor", Refused("input:\n  - &t {check: injection}\n  - *t\n").Message, StringComparison.Ordinal);
        Assert.Contains("anchor", Refused("? &k [ *k ]\n: 1\n").Message, StringComparison.Ordinal);
        Assert.Contains("alias", Refused("input:\n  - *undefined\n").Message, StringComparison.Ordinal);
        Assert.Contains("nests deeper", Refused("input: " + new string('[', 100_000) + new string(']', 100_000)).Message, StringComparison.Ordinal);
        var many = "input:\n  - check: deny_topics\n    topics:\n      - name: t\n        phrases: [" + string.Join(", ", Enumerable.Range(0, 600).Select(i => $"p{i}")) + "]\n";
        Assert.Equal("topics", Refused(many).Field);
    }

    [Fact]
    public void A_projects_pattern_runs_linear_time()
    {
        // (x|xx)+y backtracks exponentially on runs of x; the non-backtracking engine reads each character a bounded number of times.
        var policy = PolicyParser.Parse("recognizers:\n  - entity: BOMB\n    pattern: '(x|xx)+y|zzz'\n");
        var analyzer = new PiiAnalyzer([CustomRecognizer.Build(policy.Recognizers[0])]);
        var text = string.Concat(Enumerable.Repeat(new string('x', 24) + " ", 40_000)) + "zzz";
        var found = analyzer.Analyze(text, threshold: 0.5);
        Assert.Equal("zzz", text[found.Single().Start..found.Single().End]);
    }

    [Fact]
    public void Deny_topics_match_whole_words_through_disguises_in_linear_time()
    {
        var topics = new[] { new DenyTopic("competitors", ["Globex Corp", "initech"]), new DenyTopic("x", ["x"]) };
        var text = "We left Ｇｌｏｂｅｘ  corp for INITECH; initechnology is fine. " + new string('x', 200_000);
        var found = Topics.Find(text, topics).ToList();
        Assert.Equal(["Ｇｌｏｂｅｘ  corp", "INITECH"], found.Where(f => f.Topic == "competitors").Select(f => text[f.Start..f.End]));
        Assert.DoesNotContain(found, f => f.Topic == "x");
    }

    [Fact]
    public void Redactions_apply_together_and_overlaps_keep_the_earlier_longer_one()
    {
        var policy = PolicyParser.Parse("input:\n  - check: pii\n    entities: [EMAIL_ADDRESS]\n    action: redact\n  - check: regex\n    name: domain\n    pattern: 'example\\.org'\n    action: redact\n");
        var result = new PolicyPipeline(PiiAnalyzer.Default, InjectionDetector.Default, null).Run(policy, "input", "write ana@example.org or see example.org");
        Assert.Equal("write <EMAIL_ADDRESS> or see <domain>", result.Text);
        Assert.Equal(PolicyAction.Redact, result.Action);
    }
}

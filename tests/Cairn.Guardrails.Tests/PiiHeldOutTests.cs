using Cairn.Guardrails.Pii;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>Entity-level F1 on the labelled PII set (datasets/pii, written by its own generator with independent checksums).</summary>
public sealed class PiiHeldOutTests
{
    [Fact]
    public void Entity_F1_meets_the_targets()
    {
        var (byType, overall) = PiiEvaluation.Measure(PiiAnalyzer.Default, RepoFiles.Path("datasets", "pii", "pii-heldout.jsonl"));
        foreach (var type in new[] { "CREDIT_CARD", "IBAN_CODE", "CRYPTO", "US_SSN" })
        {
            Assert.True(byType[type].F1 >= 0.95, $"{type}: F1 {byType[type].F1:0.000}");
        }

        Assert.True(overall.F1 >= 0.90, $"all entities: F1 {overall.F1:0.000}");
    }

    [Theory]
    [InlineData("Julia Weber (+442875897170) confirmed.", "PHONE_NUMBER", "+442875897170")]
    [InlineData("DNS points to 2804:14:8ba7::8e82:439f.", "IP_ADDRESS", "2804:14:8ba7::8e82:439f")]
    [InlineData("Applicant lists 0803-610-1629 as a mobile number.", "PHONE_NUMBER", "0803-610-1629")]
    [InlineData("Puede llamarme al 213 298 8766 mañana.", "PHONE_NUMBER", "213 298 8766")]
    public void Spans_leave_out_punctuation_and_context_counts_after_the_match(string text, string type, string expected) =>
        Assert.Contains(PiiAnalyzer.Default.Analyze(text), e => e.Type == type && text[e.Start..e.End] == expected);
}

using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Tracking.Tests;

public sealed class RunFilterParserTests
{
    [Fact]
    public void Parse_TheIssueExample_YieldsFourClauses()
    {
        var clauses = RunFilterParser.Parse("metrics.acc > 0.9 and params.lr = '0.01' and tags.\"mlflow.runName\" LIKE 'base%' and attributes.status = 'FINISHED'");
        Assert.Equal(
            [
                new SearchClause(SearchEntity.Metric, "acc", ">", 0.9, null, null),
                new SearchClause(SearchEntity.Param, "lr", "=", null, "0.01", null),
                new SearchClause(SearchEntity.Tag, "mlflow.runName", "LIKE", null, "base%", null),
                new SearchClause(SearchEntity.Attribute, "status", "=", null, "FINISHED", null),
            ],
            clauses);
    }

    [Theory]
    [InlineData("metrics.`val loss` <= -1.5e-3", SearchEntity.Metric, "val loss", "<=")]
    [InlineData("metric.val.loss != 2", SearchEntity.Metric, "val.loss", "!=")]
    [InlineData("parameters.\"batch size\" ILIKE '%32'", SearchEntity.Param, "batch size", "ILIKE")]
    [InlineData("param.lr <> '1'", SearchEntity.Param, "lr", "!=")]
    [InlineData("attr.created >= 1700000000000", SearchEntity.Attribute, "start_time", ">=")]
    [InlineData("run.run_name = 'x'", SearchEntity.Attribute, "run_name", "=")]
    [InlineData("status = 'RUNNING'", SearchEntity.Attribute, "status", "=")]
    [InlineData("datasets.digest = 'abc'", SearchEntity.Dataset, "digest", "=")]
    [InlineData("metrics.10_fold_auc > 0", SearchEntity.Metric, "10_fold_auc", ">")]
    public void Parse_PrefixAliasesAndQuoting_AreUnderstood(string filter, SearchEntity entity, string key, string comparator)
    {
        var clause = Assert.Single(RunFilterParser.Parse(filter));
        Assert.Equal((entity, key, comparator), (clause.Entity, clause.Key, clause.Comparator));
    }

    [Fact]
    public void Parse_InAndNotIn_ReadTheList()
    {
        var clauses = RunFilterParser.Parse("attributes.run_id IN ('a1', 'b2') AND attributes.status NOT IN ('FAILED')");
        Assert.Equal(["a1", "b2"], clauses[0].List);
        Assert.Equal("NOT IN", clauses[1].Comparator);
    }

    [Fact]
    public void Parse_DoubledQuoteInString_IsOneQuote()
    {
        Assert.Equal("it's", Assert.Single(RunFilterParser.Parse("tags.note = 'it''s'")).Text);
    }

    [Theory]
    [InlineData("metrics.acc > 0.9 or params.lr = '1'", 18, "OR is not supported")]
    [InlineData("metrics.acc > '0.9'", 14, "takes a number")]
    [InlineData("params.lr = 0.01", 12, "quoted string")]
    [InlineData("metrics.acc LIKE 0.9", 12, "cannot compare")]
    [InlineData("params.lr > '1'", 10, "cannot compare")]
    [InlineData("acc > 1", 0, "needs a prefix")]
    [InlineData("foo.acc > 1", 0, "not a known prefix")]
    [InlineData("attributes.color = 'red'", 11, "not a run attribute")]
    [InlineData("tags.x = 'open", 9, "never closed")]
    [InlineData("metrics.acc 0.9", 12, "expected a comparator")]
    [InlineData("metrics.acc >", 13, "the end of the filter")]
    [InlineData("attributes.run_id IN 'a'", 21, "parenthesised list")]
    [InlineData("attributes.run_id IN ('a' 'b')", 26, "expected ',' or ')'")]
    [InlineData("metrics.acc > 1 metrics.loss < 2", 16, "expected AND")]
    [InlineData("metrics. > 1", 9, "expected a key")]
    [InlineData("metrics.acc > 1.2.3", 14, "not a number")]
    [InlineData("metrics.acc ! 1", 12, "'!' must be followed")]
    [InlineData("metrics.acc > 1 ; drop table runs", 16, "unexpected character")]
    [InlineData("params.dir LIKE 'C:%\\'", 16, "cannot end with the escape character")]
    [InlineData("tags.x = 'a\u0000b'", 11, "NUL characters are not allowed")]
    public void Parse_Malformed_NamesThePositionAndTheProblem(string filter, int position, string problem)
    {
        var e = Assert.Throws<CairnException>(() => RunFilterParser.Parse(filter));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Equal("filter", e.Field);
        Assert.Contains($"at position {position}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_IsNoFilter(string? filter) => Assert.Empty(RunFilterParser.Parse(filter));

    [Fact]
    public void Parse_RandomInput_OnlyEverFailsWithAnInvalidFilterError()
    {
        var random = new Random(7);
        const string alphabet = "metrics.params.tags.attributes.acc lr ='\"`()<>!=, 0.9 AND and IN NOT LIKE -e+_x";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            try
            {
                RunFilterParser.Parse(text);
            }
            catch (CairnException e) when (e.Kind == ErrorKind.Invalid && e.Field == "filter")
            {
            }
        }
    }

    [Fact]
    public void Parse_InListOverTheLimit_IsInvalid()
    {
        var list = string.Join(", ", Enumerable.Range(0, 1001).Select(i => $"'r{i}'"));
        Assert.Contains("at most 1000 values", Assert.Throws<CairnException>(() => RunFilterParser.Parse($"attributes.run_id IN ({list})")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EscapedBackslashAtTheEnd_IsAllowed() =>
        Assert.Equal("C:%\\\\", Assert.Single(RunFilterParser.Parse("params.dir LIKE 'C:%\\\\'")).Text);
}

using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Tracking.Tests;

public sealed class ExperimentFilterParserTests
{
    [Fact]
    public void Parse_NameTimeAndTags_AreUnderstood()
    {
        Assert.Equal(
            [
                new SearchClause(SearchEntity.Attribute, "name", "LIKE", null, "fraud%", null),
                new SearchClause(SearchEntity.Attribute, "creation_time", ">", 1700000000000, null, null),
                new SearchClause(SearchEntity.Tag, "team", "=", null, "risk", null),
            ],
            ExperimentFilterParser.Parse("name LIKE 'fraud%' and attributes.creation_time > 1700000000000 and tags.team = 'risk'"));
    }

    [Theory]
    [InlineData("metrics.acc > 1", "experiments are filtered by")]
    [InlineData("name > 'a'", "cannot compare")]
    [InlineData("experiment_id = '1'", "cannot compare")]
    [InlineData("creation_time LIKE '1%'", "cannot compare")]
    public void Parse_Unsupported_IsInvalid(string filter, string problem)
    {
        Assert.Contains(problem, Assert.Throws<CairnException>(() => ExperimentFilterParser.Parse(filter)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrderBy_AttributesOnly()
    {
        Assert.Equal([new SearchOrder(SearchEntity.Attribute, "experiment_id", false)], ExperimentFilterParser.ParseOrderBy(["experiment_id DESC"]));
        Assert.Throws<CairnException>(() => ExperimentFilterParser.ParseOrderBy(["tags.team"]));
    }
}

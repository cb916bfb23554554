using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Tracking.Tests;

public sealed class OrderByParserTests
{
    [Fact]
    public void Parse_Terms_DefaultAscending()
    {
        Assert.Equal(
            [
                new SearchOrder(SearchEntity.Metric, "acc", false),
                new SearchOrder(SearchEntity.Param, "lr", true),
                new SearchOrder(SearchEntity.Attribute, "start_time", true),
                new SearchOrder(SearchEntity.Tag, "mlflow.runName", false),
            ],
            OrderByParser.Parse(["metrics.acc DESC", "params.lr", "attributes.start_time asc", "tags.`mlflow.runName` desc"]));
    }

    [Theory]
    [InlineData("metrics.acc DOWN", "expected ASC, DESC")]
    [InlineData("datasets.name", "cannot be ordered")]
    [InlineData("", "expected an identifier")]
    [InlineData("metrics.acc, params.b", "expected ASC, DESC")]
    public void Parse_Bad_IsInvalidNamingOrderBy(string term, string problem)
    {
        var e = Assert.Throws<CairnException>(() => OrderByParser.Parse([term]));
        Assert.Equal("order_by", e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameFieldTwice_IsInvalid()
    {
        var e = Assert.Throws<CairnException>(() => OrderByParser.Parse(["metrics.acc DESC", "metric.acc"]));
        Assert.Contains("'metrics.acc' appears more than once", e.Message, StringComparison.Ordinal);
    }
}

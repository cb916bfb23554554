using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Tracking.Tests;

public sealed class LoggedModelFilterTests
{
    private static readonly LoggedModel Model = new(
        "m-0123456789abcdef0123456789abcdef", 1, "sk_model", "Classifier", "0123456789abcdef0123456789abcdef", LoggedModelStatus.Ready, null, LifecycleStage.Active,
        "mlflow-artifacts:/1/models/m-0123456789abcdef0123456789abcdef/artifacts", 1000, 2000, [new KeyValue("team", "Vision")], [new KeyValue("alpha", "0.5")]);

    [Theory]
    [InlineData("name = 'sk_model'", true)]
    [InlineData("name = 'sk-model'", false)]
    [InlineData("name LIKE 'sk\\_%'", true)]
    [InlineData("name LIKE 'skx%'", false)]
    [InlineData("name LIKE 'SK%'", false)]
    [InlineData("name ILIKE 'SK%'", true)]
    [InlineData("name LIKE 's_\\_model'", true)]
    [InlineData("attributes.model_type = 'Classifier'", true)]
    [InlineData("status IN ('LOGGED_MODEL_READY', 'LOGGED_MODEL_PENDING')", true)]
    [InlineData("status NOT IN ('LOGGED_MODEL_READY')", false)]
    [InlineData("source_run_id = '0123456789abcdef0123456789abcdef'", true)]
    [InlineData("creation_timestamp >= 1000 AND last_updated_timestamp < 2001", true)]
    [InlineData("creation_time > 1000", false)]
    [InlineData("params.alpha = '0.5' AND tags.team ILIKE 'vis%'", true)]
    [InlineData("params.beta = '0.5'", false)]
    [InlineData("tags.team != 'Vision'", false)]
    [InlineData("tags.missing != 'x'", false)]
    public void Matches_FollowsMlflowsComparisons(string filter, bool expected) =>
        Assert.Equal(expected, LoggedModelFilter.Matches(Model, LoggedModelFilter.Parse(filter)));

    [Theory]
    [InlineData("metrics.accuracy > 0.9", "metrics")]
    [InlineData("colour = 'red'", "colour")]
    [InlineData("name = 'a' OR name = 'b'", "OR")]
    [InlineData("creation_timestamp > 'yesterday'", "number")]
    [InlineData("name > 'a'", "'>'")]
    public void Parse_RefusesWhatItCannotAnswer(string filter, string mention)
    {
        var e = Assert.Throws<CairnException>(() => LoggedModelFilter.Parse(filter));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "name")]
    [InlineData("creation_timestamp", "creation_time")]
    [InlineData("attributes.last_updated_timestamp", "last_update_time")]
    public void OrderField_MapsMlflowsNames(string field, string canonical) => Assert.Equal(canonical, LoggedModelFilter.OrderField(field));

    [Fact]
    public void OrderField_ByMetric_SaysWhy() =>
        Assert.Contains("metrics per logged model", Assert.Throws<CairnException>(() => LoggedModelFilter.OrderField("metrics.acc")).Message, StringComparison.Ordinal);
}

using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private async Task<string[]> SearchExperimentsAsync(long project, string? filter, string[]? orderBy = null, ViewType view = ViewType.ActiveOnly)
    {
        var (items, _) = await Tracking.SearchExperimentsAsync(
            project, view, ExperimentFilterParser.Parse(filter), ExperimentFilterParser.ParseOrderBy(orderBy), 100, 0, None);
        return items.Select(e => e.Name).ToArray();
    }

    [Fact]
    public async Task SearchExperiments_FiltersAndOrders_AsWorkedOutByHand()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        (string Name, long Time, string Team)[] experiments = [("Fraud-v1", 1000, "risk"), ("fraud-v2", 2000, "risk"), ("churn", 3000, "growth")];
        foreach (var (name, time, team) in experiments)
        {
            await Tracking.CreateExperimentAsync(alpha, name, null, [new KeyValue("team", team)], time, None);
        }

        await Tracking.CreateExperimentAsync(beta, "fraud-other", null, [], 500, None);
        Assert.Equal(new[] { "churn", "fraud-v2", "Fraud-v1" }, await SearchExperimentsAsync(alpha, null));
        Assert.Equal(new[] { "fraud-v2" }, await SearchExperimentsAsync(alpha, "name LIKE 'fraud%'"));
        Assert.Equal(new[] { "fraud-v2", "Fraud-v1" }, await SearchExperimentsAsync(alpha, "name ILIKE 'fraud%'"));
        Assert.Equal(new[] { "fraud-v2", "Fraud-v1" }, await SearchExperimentsAsync(alpha, "tags.team = 'risk'"));
        Assert.Equal(new[] { "churn", "fraud-v2" }, await SearchExperimentsAsync(alpha, "creation_time >= 2000"));
        Assert.Equal(new[] { "Fraud-v1", "churn", "fraud-v2" }, await SearchExperimentsAsync(alpha, null, ["name"]));
        Assert.Equal(new[] { "Fraud-v1", "fraud-v2", "churn" }, await SearchExperimentsAsync(alpha, null, ["creation_time ASC"]));
    }
}

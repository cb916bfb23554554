using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    /// <summary>Five runs with hand-chosen values; expected orders below are worked out by hand.</summary>
    private async Task<(long Project, long Experiment)> SearchFixtureAsync()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "search", null, [], Now, None);
        var other = await Tracking.CreateExperimentAsync(beta, "search", null, [], Now, None);
        (int N, double? Acc, string Lr, string Model, string Status, long Start)[] runs =
        [
            (1, 0.90, "0.01", "BaseLine", RunStatus.Finished, 1000),
            (2, 0.95, "0.1", "baseline-v2", RunStatus.Finished, 2000),
            (3, 0.80, "0.01", "resnet", RunStatus.Failed, 3000),
            (4, null, "0.001", "resnet_50%", RunStatus.Running, 4000),
            (5, 0.95, "0.01", "x", RunStatus.Finished, 5000),
        ];
        foreach (var r in runs)
        {
            await NewRunAsync(alpha, e.Id, RunId(r.N), r.Start, name: $"run{r.N}");
            var metrics = r.Acc is { } acc ? new[] { new MetricPoint("acc", acc, r.Start, 0) } : [];
            await Tracking.LogBatchAsync(alpha, RunId(r.N), metrics, [new KeyValue("lr", r.Lr)], [new KeyValue("model", r.Model)], None);
            await Tracking.UpdateRunAsync(alpha, RunId(r.N), r.Status, null, null, None);
        }

        await NewRunAsync(beta, other.Id, RunId(99), 9000);
        await Tracking.LogBatchAsync(beta, RunId(99), [new MetricPoint("acc", 0.99, 1, 0)], [], [], None);
        return (alpha, e.Id);
    }

    private async Task<int[]> SearchAsync((long Project, long Experiment) f, string? filter, string[]? orderBy = null, ViewType view = ViewType.ActiveOnly, int max = 100, int offset = 0)
    {
        var query = new RunQuery(f.Project, [f.Experiment], RunFilterParser.Parse(filter), OrderByParser.Parse(orderBy), view, max, offset);
        var (runs, _) = await Tracking.SearchRunsAsync(query, None);
        return runs.Select(r => Convert.ToInt32(r.Info.RunId, 16)).ToArray();
    }

    [Theory]
    [InlineData(null, new[] { 5, 4, 3, 2, 1 })]
    [InlineData("metrics.acc > 0.85", new[] { 5, 2, 1 })]
    [InlineData("metrics.acc >= 0.9 and params.lr = '0.01'", new[] { 5, 1 })]
    [InlineData("metrics.acc != 0.95", new[] { 3, 1 })]
    [InlineData("params.lr != '0.01'", new[] { 4, 2 })]
    [InlineData("tags.model LIKE 'base%'", new[] { 2 })]
    [InlineData("tags.model ILIKE 'base%'", new[] { 2, 1 })]
    [InlineData("tags.model LIKE '%50\\%'", new[] { 4 })]
    [InlineData("tags.model LIKE 'resnet\\_50%'", new[] { 4 })]
    [InlineData("tags.model ILIKE 'RESNET\\_5%'", new[] { 4 })]
    [InlineData("tags.model LIKE 'res*'", new int[0])]
    [InlineData("tags.model LIKE 'resnet_5%'", new[] { 4 })]
    [InlineData("attributes.status IN ('FAILED', 'RUNNING')", new[] { 4, 3 })]
    [InlineData("attributes.status NOT IN ('FINISHED')", new[] { 4, 3 })]
    [InlineData("attributes.start_time >= 3000 and attributes.start_time < 5000", new[] { 4, 3 })]
    [InlineData("attributes.run_name = 'run2'", new[] { 2 })]
    [InlineData("metrics.missing > 0", new int[0])]
    public async Task SearchRuns_Filter_MatchesHandComputedRuns(string? filter, int[] expected)
    {
        Assert.Equal(expected, await SearchAsync(await SearchFixtureAsync(), filter));
    }

    [Fact]
    public async Task SearchRuns_OrderByMetric_PutsMissingLastAndBreaksTiesByStartTime()
    {
        var f = await SearchFixtureAsync();
        Assert.Equal(new[] { 5, 2, 1, 3, 4 }, await SearchAsync(f, null, ["metrics.acc DESC"]));
        Assert.Equal(new[] { 3, 1, 5, 2, 4 }, await SearchAsync(f, null, ["metrics.acc ASC"]));
        Assert.Equal(new[] { 4, 5, 3, 1, 2 }, await SearchAsync(f, null, ["params.lr", "attributes.start_time DESC"]));

        // Pages served by the metric index alone (full order: 5, 2, 1, 3, 4) and ones that need the rest.
        Assert.Equal(new[] { 5, 2 }, await SearchAsync(f, null, ["metrics.acc DESC"], max: 2));
        Assert.Equal(new[] { 2, 1 }, await SearchAsync(f, null, ["metrics.acc DESC"], max: 2, offset: 1));
        Assert.Equal(new[] { 1, 3, 4 }, await SearchAsync(f, null, ["metrics.acc DESC"], max: 3, offset: 2));
        Assert.Equal(new[] { 3, 1 }, await SearchAsync(f, "params.lr = '0.01'", ["metrics.acc ASC"], max: 2));
    }

    [Fact]
    public async Task SearchRuns_FilterAndOrderOnTheSameMetric_UsesTheSameOrderIncludingTies()
    {
        var f = await SearchFixtureAsync();

        // acc > 0.85 keeps runs 1 (0.90), 2 (0.95), 5 (0.95); 2 and 5 tie and break by start_time DESC.
        Assert.Equal(new[] { 1, 5, 2 }, await SearchAsync(f, "metrics.acc > 0.85", ["metrics.acc ASC"]));
        Assert.Equal(new[] { 5, 2, 1 }, await SearchAsync(f, "metrics.acc > 0.85", ["metrics.acc DESC"]));
        Assert.Equal(new[] { 2, 1 }, await SearchAsync(f, "metrics.acc > 0.85 and attributes.start_time < 5000", ["metrics.acc DESC", "params.lr"]));
        Assert.Equal(new[] { 2 }, await SearchAsync(f, "metrics.acc > 0.85", ["metrics.acc DESC"], max: 1, offset: 1));
    }

    [Fact]
    public async Task SearchRuns_Pages_CoverEveryRunOnceInOrder()
    {
        var f = await SearchFixtureAsync();
        var query = new RunQuery(f.Project, [f.Experiment], [], OrderByParser.Parse(["metrics.acc DESC"]), ViewType.ActiveOnly, 2, 0);
        var seen = new List<string>();
        int? offset = 0;
        while (offset is { } o)
        {
            var (runs, next) = await Tracking.SearchRunsAsync(query with { Offset = o }, None);
            seen.AddRange(runs.Select(r => r.Info.RunId));
            offset = next;
        }

        Assert.Equal([RunId(5), RunId(2), RunId(1), RunId(3), RunId(4)], seen);
    }

    [Fact]
    public async Task SearchRuns_ViewTypes_SelectByLifecycle()
    {
        var f = await SearchFixtureAsync();
        await Tracking.SetRunStageAsync(f.Project, RunId(3), LifecycleStage.Deleted, Now, None);
        Assert.Equal(new[] { 5, 4, 2, 1 }, await SearchAsync(f, null));
        Assert.Equal(new[] { 3 }, await SearchAsync(f, null, view: ViewType.DeletedOnly));
        Assert.Equal(new[] { 5, 4, 3, 2, 1 }, await SearchAsync(f, null, view: ViewType.All));
    }

    [Fact]
    public async Task SearchRuns_LoadsEachRunsData()
    {
        var f = await SearchFixtureAsync();
        var (runs, _) = await Tracking.SearchRunsAsync(new RunQuery(f.Project, [f.Experiment], RunFilterParser.Parse("attributes.run_name = 'run2'"), [], ViewType.ActiveOnly, 10, 0), None);
        var run = Assert.Single(runs);
        Assert.Equal([new MetricPoint("acc", 0.95, 2000, 0)], run.Metrics);
        Assert.Equal([new KeyValue("lr", "0.1")], run.Params);
        Assert.Equal([new KeyValue("mlflow.runName", "run2"), new KeyValue("model", "baseline-v2")], run.Tags);
    }
}

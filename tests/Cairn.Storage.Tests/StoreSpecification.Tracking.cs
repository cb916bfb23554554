using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private ITrackingStore Tracking => Services.GetRequiredService<ITrackingStore>();

    private async Task<(long Alpha, long Beta)> TwoProjectsAsync()
    {
        var admin = await BootstrapAsync();
        var alpha = await Projects.CreateProjectAsync("alpha", "", admin, Now, None);
        var beta = await Projects.CreateProjectAsync("beta", "", admin, Now, None);
        return (alpha.Id, beta.Id);
    }

    private async Task<Run> NewRunAsync(long project, long experiment, string id, long start = 1000, string name = "run")
    {
        var info = new RunInfo(id, experiment, name, "alice", RunStatus.Running, start, null, $"mlflow-artifacts:/{experiment}/{id}/artifacts", LifecycleStage.Active);
        return await Tracking.CreateRunAsync(project, info, [new KeyValue("mlflow.runName", name)], None);
    }

    private static string RunId(int n) => n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Experiments_AreNumberedPerProject_WithTheirOwnDefault()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        await Tracking.EnsureDefaultExperimentAsync(alpha, Now, None);
        await Tracking.EnsureDefaultExperimentAsync(alpha, Now, None);
        var a1 = await Tracking.CreateExperimentAsync(alpha, "fraud", null, [new KeyValue("team", "risk")], Now, None);
        var a2 = await Tracking.CreateExperimentAsync(alpha, "churn", "s3://bucket/churn", [], Now, None);
        var b1 = await Tracking.CreateExperimentAsync(beta, "fraud", null, [], Now, None);
        Assert.Equal((1L, 2L, 1L), (a1.Id, a2.Id, b1.Id));
        Assert.Equal("mlflow-artifacts:/1", a1.ArtifactLocation);
        Assert.Equal("s3://bucket/churn", a2.ArtifactLocation);
        Assert.Equal("Default", (await Tracking.GetExperimentAsync(alpha, 0, None))!.Name);
        Assert.Null(await Tracking.GetExperimentAsync(beta, 0, None));
        Assert.Equal([new KeyValue("team", "risk")], (await Tracking.GetExperimentByNameAsync(alpha, "fraud", None))!.Tags);
        Assert.Equal(ErrorKind.AlreadyExists, (await Assert.ThrowsAsync<CairnException>(() => Tracking.CreateExperimentAsync(alpha, "fraud", null, [], Now, None))).Kind);
    }

    [Fact]
    public async Task DeleteExperiment_DeletesItsRuns_AndRestoreBringsThemBack()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await Tracking.SetExperimentStageAsync(alpha, e.Id, LifecycleStage.Deleted, Now, None);
        Assert.Equal(LifecycleStage.Deleted, (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Info.LifecycleStage);
        await Assert.ThrowsAsync<CairnException>(() => NewRunAsync(alpha, e.Id, RunId(2)));
        await Tracking.SetExperimentStageAsync(alpha, e.Id, LifecycleStage.Active, Now, None);
        Assert.Equal(LifecycleStage.Active, (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Info.LifecycleStage);
    }

    [Fact]
    public async Task Runs_OfAnotherProject_AreNotFound()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        Assert.Null(await Tracking.GetRunAsync(beta, RunId(1), None));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => Tracking.LogBatchAsync(beta, RunId(1), [], [new KeyValue("a", "b")], [], None))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => Tracking.GetMetricHistoryAsync(beta, RunId(1), "m", 10, 0, None))).Kind);
    }

    [Fact]
    public async Task LogBatch_ParamWithDifferentValue_FailsAndWritesNothingOfTheBatch()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await Tracking.LogBatchAsync(alpha, RunId(1), [], [new KeyValue("lr", "0.01")], [], None);
        await Tracking.LogBatchAsync(alpha, RunId(1), [], [new KeyValue("lr", "0.01")], [], None);
        var e2 = await Assert.ThrowsAsync<CairnException>(() => Tracking.LogBatchAsync(
            alpha, RunId(1), [new MetricPoint("loss", 1, 5, 0)], [new KeyValue("epochs", "3"), new KeyValue("lr", "0.1")], [new KeyValue("t", "v")], None));
        Assert.Contains("Changing param values is not allowed", e2.Message, StringComparison.Ordinal);
        var run = (await Tracking.GetRunAsync(alpha, RunId(1), None))!;
        Assert.Equal([new KeyValue("lr", "0.01")], run.Params);
        Assert.Empty(run.Metrics);
        Assert.DoesNotContain(run.Tags, t => t.Key == "t");
    }

    [Fact]
    public async Task LogBatch_Metrics_KeepHistoryAndTheGreatestByStepTimestampValue()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        MetricPoint[] points =
        [
            new("acc", 0.5, 100, 1), new("acc", 0.7, 90, 2), new("acc", 0.6, 90, 2), new("acc", 0.5, 100, 1),
            new("loss", double.NaN, 10, 0), new("loss", 3, 10, 0), new("nan", -1, 5, 0), new("nan", double.NaN, 5, 0), new("inf", double.PositiveInfinity, 1, 0), new("ninf", double.NegativeInfinity, 1, 0),
        ];
        await Tracking.LogBatchAsync(alpha, RunId(1), points, [], [], None);
        await Tracking.LogBatchAsync(alpha, RunId(1), [new MetricPoint("acc", 0.1, 50, 1)], [], [], None);

        var latest = (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Metrics.ToDictionary(m => m.Key);
        Assert.Equal(new MetricPoint("acc", 0.7, 90, 2), latest["acc"]);
        Assert.Equal(3.0, latest["loss"].Value); // NaN counts as 0.0 against 3 at the same step and time, as in MLflow
        Assert.True(double.IsNaN(latest["nan"].Value)); // NaN (as 0.0) beats -1
        Assert.Equal(double.PositiveInfinity, latest["inf"].Value);
        Assert.Equal(double.NegativeInfinity, latest["ninf"].Value);

        var (history, next) = await Tracking.GetMetricHistoryAsync(alpha, RunId(1), "acc", 10, 0, None);
        Assert.Null(next);
        // MLflow 3.x order: (timestamp, step, value).
        Assert.Equal([(50L, 0.1), (90L, 0.6), (90L, 0.7), (100L, 0.5)], history.Select(h => (h.Timestamp, h.Value)));
        var (page, token) = await Tracking.GetMetricHistoryAsync(alpha, RunId(1), "acc", 3, 0, None);
        Assert.Equal((3, 3), (page.Count, token!.Value));
    }

    [Fact]
    public async Task Writes_ToADeletedRun_AreRefusedAsMlflowDoes()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await Tracking.SetRunStageAsync(alpha, RunId(1), LifecycleStage.Deleted, Now, None);
        var error = await Assert.ThrowsAsync<CairnException>(() => Tracking.LogBatchAsync(alpha, RunId(1), [new MetricPoint("m", 1, 1, 0)], [], [], None));
        Assert.Equal($"run_id: The run {RunId(1)} must be in the 'active' state. Current state is deleted.", error.Message);
    }

    [Fact]
    public async Task RunNameTag_RenamesTheRun_AndUpdateRunNameSetsTheTag()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1), name: "first");
        await Tracking.LogBatchAsync(alpha, RunId(1), [], [], [new KeyValue("mlflow.runName", "second")], None);
        Assert.Equal("second", (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Info.RunName);
        var info = await Tracking.UpdateRunAsync(alpha, RunId(1), RunStatus.Finished, 2000, "third", None);
        Assert.Equal(("third", RunStatus.Finished, 2000L), (info.RunName, info.Status, info.EndTime!.Value));
        Assert.Contains(new KeyValue("mlflow.runName", "third"), (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Tags);
    }
}

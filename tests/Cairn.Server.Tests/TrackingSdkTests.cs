using System.Net;
using System.Text;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>The .NET SDK against a real server: a training loop logged through <see cref="RunLogger"/>, retries, histories and artifacts.</summary>
public sealed class TrackingSdkTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await CairnTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task TrainingLoop_LoggedThroughTheSdk_IsStoredInBatches()
    {
        using var client = new CairnClient(_host.BaseUrl, _host.AdminKey);
        var experiment = await client.CreateExperimentAsync("sdk", new Dictionary<string, string> { ["team"] = "ml" });
        string runId;
        await using (var run = await client.StartRunAsync(experiment.Id, "sdk-run"))
        {
            runId = run.RunId;
            await run.LogParamAsync("lr", "0.01");
            await run.SetTagAsync("framework", "torchsharp");
            for (var step = 0; step < 2500; step++)
            {
                await run.LogMetricAsync("loss", step == 1234 ? 99.0 : 1.0 / (step + 1), step, timestamp: 1_700_000_000_000 + step);
            }

            await run.LogArtifactAsync("reports/summary.txt", new MemoryStream(Encoding.UTF8.GetBytes("done")));
        }

        var stored = await client.GetRunAsync(runId);
        Assert.Equal(("FINISHED", "0.01", "torchsharp"), (stored.Status, stored.Params["lr"], stored.Tags["framework"]));
        Assert.Equal(2499, stored.Metrics["loss"].Step);
        var full = await client.GetMetricHistoryAsync(runId, "loss");
        Assert.Equal(2500, full.Points.Count);
        Assert.False(full.Downsampled);
        var chart = await client.GetMetricHistoryAsync(runId, "loss", points: 100);
        Assert.True(chart.Downsampled);
        Assert.True(chart.Points.Count <= 100);
        Assert.Contains(chart.Points, p => p.Step == 1234 && p.Value == 99.0);
        Assert.Equal(["reports/"], (await client.ListArtifactsAsync(runId)).Select(f => f.IsDir ? f.Path + "/" : f.Path));
        using var reader = new StreamReader(await client.DownloadArtifactAsync(runId, "reports/summary.txt"));
        Assert.Equal("done", await reader.ReadToEndAsync());
        var page = await client.SearchRunsAsync(experiment.Id, "params.lr = '0.01'", ["metrics.loss DESC"]);
        Assert.Equal(runId, Assert.Single(page.Runs).Id);
    }

    [Fact]
    public async Task RunLogger_TransientFailures_AreRetriedWithoutDuplicates()
    {
        using var flaky = new FlakyHandler(failures: 2) { InnerHandler = new HttpClientHandler() };
        using var client = new CairnClient(_host.BaseUrl, _host.AdminKey, flaky);
        await using var logger = await client.StartRunAsync(name: "retry");
        logger.RetryDelay = TimeSpan.FromMilliseconds(10);
        for (var step = 0; step < 10; step++)
        {
            await logger.LogMetricAsync("m", step, step, timestamp: 1000 + step);
        }

        flaky.Arm();
        await logger.EndAsync();
        Assert.Equal(2, flaky.Failed);
        var history = await client.GetMetricHistoryAsync(logger.RunId, "m");
        Assert.Equal(10, history.Points.Count);
    }

    [Fact]
    public async Task RunLogger_BatchThatFailsEveryRetry_IsKeptForTheNextFlush()
    {
        using var flaky = new FlakyHandler(failures: 5) { InnerHandler = new HttpClientHandler() };
        using var client = new CairnClient(_host.BaseUrl, _host.AdminKey, flaky);
        var logger = await client.StartRunAsync(name: "keeps");
        logger.RetryDelay = TimeSpan.FromMilliseconds(5);
        await logger.LogMetricAsync("train/loss", 1.5, 0, 1000);
        await logger.LogParamAsync("lr", "0.1");
        flaky.Arm();
        await Assert.ThrowsAsync<CairnApiException>(() => logger.FlushAsync());
        await logger.EndAsync();
        var history = await client.GetMetricHistoryAsync(logger.RunId, "train/loss");
        Assert.Equal([1.5], history.Points.Select(p => p.Value));
        Assert.Equal("0.1", (await client.GetRunAsync(logger.RunId)).Params["lr"]);
    }

    [Fact]
    public async Task ComparePage_WithNonFiniteParams_Renders()
    {
        using var client = new CairnClient(_host.BaseUrl, _host.AdminKey);
        var ids = new List<string>();
        foreach (var value in new[] { "NaN", "1e999" })
        {
            await using var run = await client.StartRunAsync(name: value);
            await run.LogParamAsync("alpha", value);
            ids.Add(run.RunId);
        }

        using var http = _host.Client(_host.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/compare?runs={ids[0]}&runs={ids[1]}");
        request.Headers.Accept.ParseAdd("text/html");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task NativeApi_BadInput_IsAProblemNamingTheRule()
    {
        using var http = _host.Client(_host.AdminKey);
        var run = await (await http.PostJson("/api/v1/runs", new CreateRunRequest(Name: "x"))).Read<RunDto>(HttpStatusCode.Created);
        await (await http.PostJson($"/api/v1/runs/{run.Id}/log", new LogBatchRequest([new MetricPointDto("bad*key", 1, 1)]))).Problem(HttpStatusCode.BadRequest, "Names may only contain");
        await (await http.GetAsync($"/api/v1/runs/{run.Id}/metrics?key=m&points=2")).Problem(HttpStatusCode.BadRequest, "between 4 and");
        await (await http.GetAsync("/api/v1/runs/0123456789abcdef0123456789abcdef")).Problem(HttpStatusCode.NotFound, "not found");
        await (await http.GetAsync("/api/v1/experiments/0/runs?filter=metrics.acc%20%3E")).Problem(HttpStatusCode.BadRequest, "position");
    }

    /// <summary>Fails the next <c>failures</c> log calls with 503 once armed.</summary>
    private sealed class FlakyHandler(int failures) : DelegatingHandler
    {
        private int _remaining;

        public int Failed { get; private set; }

        public void Arm() => _remaining = failures;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_remaining > 0 && request.RequestUri!.AbsolutePath.EndsWith("/log", StringComparison.Ordinal))
            {
                _remaining--;
                Failed++;
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

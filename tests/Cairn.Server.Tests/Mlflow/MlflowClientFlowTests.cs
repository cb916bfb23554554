using System.Net;
using System.Text.Json;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>
/// The call sequence of a typical <c>mlflow</c> script (shared/MLFLOW-COMPAT.md), with the bodies the
/// Python client sends, checked field by field against MLflow's response shapes.
/// </summary>
public sealed class MlflowClientFlowTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private HttpClient _http = null!;
    private MlflowWire _mlflow = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync();
        _http = _host.Client(_host.AdminKey);
        _mlflow = new MlflowWire(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TypicalScript_SetExperimentStartRunLogEndSearch_AnswersAsMlflow()
    {
        MlflowWire.Error(await _mlflow.Get("/experiments/get-by-name?experiment_name=fraud"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name 'fraud'");
        var created = await _mlflow.Ok(_mlflow.Post("/experiments/create", """{"name": "fraud"}"""));
        var experimentId = created.GetProperty("experiment_id").GetString();
        Assert.Equal("1", experimentId);

        var experiment = (await _mlflow.Ok(_mlflow.Get("/experiments/get?experiment_id=1"))).GetProperty("experiment");
        Assert.Equal(("fraud", "mlflow-artifacts:/1", "active"), (experiment.GetProperty("name").GetString(), experiment.GetProperty("artifact_location").GetString(), experiment.GetProperty("lifecycle_stage").GetString()));
        Assert.Equal(JsonValueKind.Number, experiment.GetProperty("creation_time").ValueKind);
        Assert.False(experiment.TryGetProperty("tags", out _));

        var run = (await _mlflow.Ok(_mlflow.Post("/runs/create", """
            {"experiment_id": "1", "user_id": "alice", "start_time": 1700000000000, "tags": [{"key": "mlflow.user", "value": "alice"}, {"key": "mlflow.source.name", "value": "train.py"}], "run_name": "baseline"}
            """))).GetProperty("run");
        var info = run.GetProperty("info");
        var runId = info.GetProperty("run_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", runId);
        Assert.Equal(runId, info.GetProperty("run_uuid").GetString());
        Assert.Equal(("1", "baseline", "alice", "RUNNING", "active"), (info.GetProperty("experiment_id").GetString(), info.GetProperty("run_name").GetString(), info.GetProperty("user_id").GetString(), info.GetProperty("status").GetString(), info.GetProperty("lifecycle_stage").GetString()));
        Assert.Equal(1700000000000, info.GetProperty("start_time").GetInt64());
        Assert.Equal($"mlflow-artifacts:/1/{runId}/artifacts", info.GetProperty("artifact_uri").GetString());
        Assert.False(info.TryGetProperty("end_time", out _));
        Assert.Equal(JsonValueKind.Object, run.GetProperty("inputs").ValueKind);
        Assert.False(run.TryGetProperty("outputs", out _));
        Assert.Contains(run.GetProperty("data").GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "mlflow.runName" && t.GetProperty("value").GetString() == "baseline");

        await _mlflow.Ok(_mlflow.Post("/runs/log-parameter", $$"""{"run_id": "{{runId}}", "run_uuid": "{{runId}}", "key": "lr", "value": "0.01"}"""));
        await _mlflow.Ok(_mlflow.Post("/runs/log-metric", $$"""{"run_id": "{{runId}}", "run_uuid": "{{runId}}", "key": "loss", "value": 0.5, "timestamp": 1700000000100, "step": 0}"""));
        await _mlflow.Ok(_mlflow.Post("/runs/log-metric", $$"""{"run_id": "{{runId}}", "run_uuid": "{{runId}}", "key": "loss", "value": "NaN", "timestamp": "1700000000200", "step": "1"}"""));
        await _mlflow.Ok(_mlflow.Post("/runs/set-tag", $$"""{"run_id": "{{runId}}", "run_uuid": "{{runId}}", "key": "mlflow.note.content", "value": "first try"}"""));
        var updated = await _mlflow.Ok(_mlflow.Post("/runs/update", $$"""{"run_id": "{{runId}}", "run_uuid": "{{runId}}", "status": "FINISHED", "end_time": 1700000000900}"""));
        Assert.Equal("FINISHED", updated.GetProperty("run_info").GetProperty("status").GetString());
        Assert.Equal(1700000000900, updated.GetProperty("run_info").GetProperty("end_time").GetInt64());

        var fetched = (await _mlflow.Ok(_mlflow.Get($"/runs/get?run_id={runId}&run_uuid={runId}"))).GetProperty("run");
        var loss = Assert.Single(fetched.GetProperty("data").GetProperty("metrics").EnumerateArray());
        Assert.Equal(("loss", "NaN", 1L), (loss.GetProperty("key").GetString(), loss.GetProperty("value").GetString(), loss.GetProperty("step").GetInt64()));
        Assert.Equal(JsonValueKind.Object, fetched.GetProperty("outputs").ValueKind);

        var history = await _mlflow.Ok(_mlflow.Get($"/metrics/get-history?run_id={runId}&run_uuid={runId}&metric_key=loss&max_results=25000"));
        Assert.Equal([(0.5, 0L), (double.NaN, 1L)], history.GetProperty("metrics").EnumerateArray().Select(m => (m.GetProperty("value").ValueKind == JsonValueKind.String ? double.NaN : m.GetProperty("value").GetDouble(), m.GetProperty("step").GetInt64())));
        Assert.False(history.TryGetProperty("next_page_token", out _));

        var search = await _mlflow.Ok(_mlflow.Post("/runs/search", """{"experiment_ids": ["1"], "filter": "params.lr = '0.01' and attributes.status = 'FINISHED'", "run_view_type": "ACTIVE_ONLY", "max_results": 1000, "order_by": ["attributes.start_time DESC"]}"""));
        Assert.Equal(runId, Assert.Single(search.GetProperty("runs").EnumerateArray()).GetProperty("info").GetProperty("run_id").GetString());
        Assert.False(search.TryGetProperty("next_page_token", out _));
        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Post("/runs/search", """{"experiment_ids": ["1"], "filter": "metrics.loss > 100"}"""))).GetRawText());
        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"]}"""))).GetRawText());
    }

    [Fact]
    public async Task StartRunWithoutExperiment_UsesTheProjectsDefaultExperimentZero()
    {
        var run = (await _mlflow.Ok(_mlflow.Post("/runs/create", """{"user_id": "bob", "start_time": 1}"""))).GetProperty("run");
        Assert.Equal("0", run.GetProperty("info").GetProperty("experiment_id").GetString());
        Assert.Matches("^[a-z]+-[a-z]+-[0-9]+$", run.GetProperty("info").GetProperty("run_name").GetString());
        var experiment = (await _mlflow.Ok(_mlflow.Get("/experiments/get-by-name?experiment_name=Default"))).GetProperty("experiment");
        Assert.Equal(("0", "mlflow-artifacts:/0"), (experiment.GetProperty("experiment_id").GetString(), experiment.GetProperty("artifact_location").GetString()));
    }

    [Fact]
    public async Task AjaxPrefix_ServesTheSameApi()
    {
        var ajax = new MlflowWire(_http, "/ajax-api/2.0/mlflow");
        await ajax.Ok(ajax.Post("/experiments/create", """{"name": "via-ajax"}"""));
        Assert.Equal("via-ajax", (await _mlflow.Ok(_mlflow.Get("/experiments/get-by-name?experiment_name=via-ajax"))).GetProperty("experiment").GetProperty("name").GetString());
    }

    [Fact]
    public async Task SearchPages_FollowTokensLikeTheClient()
    {
        for (var i = 0; i < 5; i++)
        {
            await _mlflow.Ok(_mlflow.Post("/runs/create", $$"""{"experiment_id": "0", "start_time": {{1000 + i}}}"""));
        }

        var seen = new List<long>();
        string? token = null;
        do
        {
            var tokenJson = token is null ? string.Empty : $", \"page_token\": \"{token}\"";
            var page = await _mlflow.Ok(_mlflow.Post("/runs/search", $$"""{"experiment_ids": ["0"], "max_results": 2{{tokenJson}}}"""));
            seen.AddRange(page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("info").GetProperty("start_time").GetInt64()));
            token = page.TryGetProperty("next_page_token", out var t) ? t.GetString() : null;
        }
        while (token is not null);

        Assert.Equal([1004L, 1003, 1002, 1001, 1000], seen);
        MlflowWire.Error(await _mlflow.Post("/runs/search", """{"experiment_ids": ["0"], "page_token": "abc"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Invalid page token");
    }
}

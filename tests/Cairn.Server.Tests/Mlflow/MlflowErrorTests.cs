using System.Net;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>MLflow's error envelope and statuses for bad input, missing entities, deleted runs, auth and isolation.</summary>
public sealed class MlflowErrorTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private HttpClient _http = null!;
    private MlflowWire _mlflow = null!;
    private string _runId = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync();
        _http = _host.Client(_host.AdminKey);
        _mlflow = new MlflowWire(_http);
        await _mlflow.Ok(_mlflow.Post("/experiments/create", """{"name": "exp"}"""));
        _runId = (await _mlflow.Ok(_mlflow.Post("/runs/create", """{"experiment_id": "1", "start_time": 1}"""))).GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task DuplicateExperimentName_Is400ResourceAlreadyExists() =>
        MlflowWire.Error(await _mlflow.Post("/experiments/create", """{"name": "exp"}"""), HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "Experiment(name=exp) already exists.");

    [Fact]
    public async Task UnknownRunAndExperiment_Are404ResourceDoesNotExist()
    {
        MlflowWire.Error(await _mlflow.Get("/runs/get?run_id=0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Run with id=0123456789abcdef0123456789abcdef not found");
        MlflowWire.Error(await _mlflow.Get("/experiments/get?experiment_id=42"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=42 exists");
        MlflowWire.Error(await _mlflow.Get("/experiments/get?experiment_id=abc"), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Experiment ID must be a valid integer");
    }

    [Fact]
    public async Task WritesToADeletedRun_Are400AsInMlflow()
    {
        await _mlflow.Ok(_mlflow.Post("/runs/delete", $$"""{"run_id": "{{_runId}}"}"""));
        MlflowWire.Error(
            await _mlflow.Post("/runs/log-metric", $$"""{"run_id": "{{_runId}}", "key": "m", "value": 1, "timestamp": 1}"""),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", $"The run {_runId} must be in the 'active' state. Current state is deleted.");
        Assert.Equal("deleted", (await _mlflow.Ok(_mlflow.Get($"/runs/get?run_id={_runId}"))).GetProperty("run").GetProperty("info").GetProperty("lifecycle_stage").GetString());
        await _mlflow.Ok(_mlflow.Post("/runs/restore", $$"""{"run_id": "{{_runId}}"}"""));
        await _mlflow.Ok(_mlflow.Post("/runs/log-metric", $$"""{"run_id": "{{_runId}}", "key": "m", "value": 1, "timestamp": 1}"""));
    }

    [Fact]
    public async Task OverLimitBatch_Is400AndWritesNothing()
    {
        var metrics = string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"key": "m", "value": {{i}}, "timestamp": 1, "step": {{i}}}"""));
        MlflowWire.Error(await _mlflow.Post("/runs/log-batch", $$"""{"run_id": "{{_runId}}", "metrics": [{{metrics}}]}"""),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "A batch logging request can contain at most 1000 metrics. Got 1001 metrics.");
        var history = await _mlflow.Ok(_mlflow.Get($"/metrics/get-history?run_id={_runId}&metric_key=m"));
        Assert.Equal("{}", history.GetRawText());
    }

    [Theory]
    [InlineData("""{"params": [{"key": "lr", "value": "1"}, {"key": "lr", "value": "1"}]}""", "Duplicate parameter keys have been submitted: ['lr']")]
    [InlineData("""{"metrics": [{"key": "bad*key", "value": 1, "timestamp": 1}]}""", "Names may only contain alphanumerics")]
    [InlineData("""{"metrics": [{"key": "a/../b", "value": 1, "timestamp": 1}]}""", "must not resolve to other names")]
    [InlineData("""{"metrics": [{"key": "m", "timestamp": 1}]}""", "Missing value for required parameter 'metrics[0].value'")]
    [InlineData("""{"metrics": [{"key": "m", "value": 1, "timestamp": -1}]}""", "Timestamp must be a nonnegative long")]
    [InlineData("""{"tags": [{"key": "t", "value": "VALUE_TOO_LONG"}]}""", "exceeds the maximum length of 8000 characters")]
    public async Task InvalidBatch_Is400WithMlflowsWording(string bodyWithoutRun, string message)
    {
        var body = "{\"run_id\": \"" + _runId + "\", " + bodyWithoutRun[1..].Replace("VALUE_TOO_LONG", new string('x', 8001), StringComparison.Ordinal);
        MlflowWire.Error(await _mlflow.Post("/runs/log-batch", body), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message);
    }

    [Theory]
    [InlineData("""{"experiment_ids": ["1"], "filter": "metrics.acc > 0.9 or params.x = 'y'"}""", "invalid filter at position 18: only AND joins clauses")]
    [InlineData("""{"experiment_ids": ["1"], "max_results": 50001}""", "It must be at most 50000")]
    [InlineData("""{"experiment_ids": ["1"], "order_by": ["metrics.a DOWN"]}""", "expected ASC, DESC")]
    [InlineData("""{"experiment_ids": ["x"]}""", "Experiment ID must be a valid integer")]
    public async Task BadSearch_Is400NamingTheProblem(string body, string message) =>
        MlflowWire.Error(await _mlflow.Post("/runs/search", body), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message);

    [Fact]
    public async Task MissingRequiredField_UsesMlflowsMessage() =>
        MlflowWire.Error(await _mlflow.Post("/runs/log-parameter", $$"""{"run_id": "{{_runId}}", "value": "1"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            "Missing value for required parameter 'key'. See the API docs for more information about request parameters.");

    [Fact]
    public async Task NoKey_Is401Unauthenticated_InMlflowsEnvelope()
    {
        using var anonymous = _host.Client();
        MlflowWire.Error(await new MlflowWire(anonymous).Get("/experiments/get?experiment_id=1"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task ViewerKey_WritingIs403PermissionDenied()
    {
        using var admin = new CairnClient(_host.BaseUrl, _host.AdminKey);
        await admin.SetMemberAsync("default", "vera", "viewer");
        var key = await admin.CreateKeyAsync("default", new CreateKeyRequest("v", ["read"], "vera"));
        using var viewer = _host.Client(key.Secret);
        var wire = new MlflowWire(viewer);
        await wire.Ok(wire.Get($"/runs/get?run_id={_runId}"));
        MlflowWire.Error(await wire.Post("/runs/set-tag", $$"""{"run_id": "{{_runId}}", "key": "k", "value": "v"}"""), HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task AnotherProjectsKey_SeesNoneOfThisProjectsRunsOrExperiments()
    {
        using var admin = new CairnClient(_host.BaseUrl, _host.AdminKey);
        await admin.CreateProjectAsync("other");
        await admin.SetMemberAsync("other", "olly", "owner");
        var key = await admin.CreateKeyAsync("other", new CreateKeyRequest("o", ["read", "write"], "olly"));
        using var other = _host.Client(key.Secret);
        var wire = new MlflowWire(other);
        MlflowWire.Error(await wire.Get($"/runs/get?run_id={_runId}"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await wire.Post("/runs/log-metric", $$"""{"run_id": "{{_runId}}", "key": "m", "value": 1, "timestamp": 1}"""), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await wire.Get("/experiments/get-by-name?experiment_name=exp"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Equal("{}", (await wire.Ok(wire.Post("/runs/search", """{"experiment_ids": ["1"]}"""))).GetRawText());
        var created = await wire.Ok(wire.Post("/experiments/create", """{"name": "exp"}"""));
        Assert.Equal("1", created.GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task ArtifactLocation_CannotBeChosen()
    {
        MlflowWire.Error(await _mlflow.Post("/experiments/create", """{"name": "evil", "artifact_location": "file:///etc"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Cairn stores artifacts itself");
        MlflowWire.Error(await _mlflow.Post("/experiments/create", """{"name": "team", "artifact_location": "mlflow-artifacts:/team/exp"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "omit artifact_location");
    }

    [Theory]
    [InlineData("""{"metrics": [null]}""", "metrics[0]")]
    [InlineData("""{"tags": [null]}""", "tags[0]")]
    [InlineData("""{"params": [null]}""", "params[0]")]
    public async Task NullListElement_Is400NotA500(string bodyWithoutRun, string field) =>
        MlflowWire.Error(await _mlflow.Post("/runs/log-batch", "{\"run_id\": \"" + _runId + "\", " + bodyWithoutRun[1..]), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", field);

    [Fact]
    public async Task HugeLists_Are400NotA500()
    {
        var ids = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"{i}\""));
        MlflowWire.Error(await _mlflow.Post("/runs/search", $$"""{"experiment_ids": [{{ids}}]}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "at most 1000 experiments");
        MlflowWire.Error(await _mlflow.Get($"/metrics/get-history?run_id={_runId}&metric_key=a%00b"), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "NUL");
    }
}

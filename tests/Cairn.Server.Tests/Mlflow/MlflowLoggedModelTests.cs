using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>
/// MLflow 3.x <c>log_model</c> as the client performs it (mlflow/models/model.py, Model.log): create the
/// logged model, link it as the run's output, upload its files under <c>&lt;exp&gt;/models/&lt;id&gt;/artifacts</c>,
/// finalize; then <c>runs:/&lt;run&gt;/model</c> resolution through logged-models/search.
/// </summary>
public sealed class MlflowLoggedModelTests : IAsyncLifetime
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

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, "/api/2.0/mlflow" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<string> CreateModel(string name = "model")
    {
        var created = await _mlflow.Ok(_mlflow.Post("/logged-models", $$"""
            {"experiment_id": "1", "name": "{{name}}", "source_run_id": "{{_runId}}",
             "params": [{"key": "alpha", "value": "0.5"}],
             "tags": [{"key": "mlflow.user", "value": "ada"}, {"key": "mlflow.source.type", "value": "LOCAL"}]}
            """));
        return created.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
    }

    private async Task<HttpResponseMessage> Upload(string modelId, string relative, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await _http.PutAsync($"/api/2.0/mlflow-artifacts/artifacts/1/models/{modelId}/artifacts/{relative}", body);
    }

    [Fact]
    public async Task LogModelFlow_CreatesUploadsFinalizesAndResolvesByRun()
    {
        var created = await _mlflow.Ok(_mlflow.Post("/logged-models", $$"""
            {"experiment_id": "1", "name": "model", "source_run_id": "{{_runId}}",
             "params": [{"key": "alpha", "value": "0.5"}],
             "tags": [{"key": "mlflow.user", "value": "ada"}]}
            """));
        var info = created.GetProperty("model").GetProperty("info");
        var id = info.GetProperty("model_id").GetString()!;
        Assert.Matches("^m-[0-9a-f]{32}$", id);
        Assert.Equal("1", info.GetProperty("experiment_id").GetString());
        Assert.Equal("model", info.GetProperty("name").GetString());
        Assert.Equal(_runId, info.GetProperty("source_run_id").GetString());
        Assert.Equal("LOGGED_MODEL_PENDING", info.GetProperty("status").GetString());
        Assert.Equal($"mlflow-artifacts:/1/models/{id}/artifacts", info.GetProperty("artifact_uri").GetString());
        Assert.Equal(info.GetProperty("creation_timestamp_ms").GetInt64(), info.GetProperty("last_updated_timestamp_ms").GetInt64());
        Assert.Equal("""[{"key":"alpha","value":"0.5"}]""", created.GetProperty("model").GetProperty("data").GetProperty("params").GetRawText());
        Assert.Equal("""[{"key":"mlflow.user","value":"ada"}]""", info.GetProperty("tags").GetRawText());

        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Post("/runs/outputs", $$"""{"run_id": "{{_runId}}", "models": [{"model_id": "{{id}}", "step": 0}]}"""))).GetRawText());
        var weights = RandomNumberGenerator.GetBytes(100_000);
        (await Upload(id, "MLmodel", "artifact_path: x\nflavors: {}\n"u8.ToArray())).EnsureSuccessStatusCode();
        (await Upload(id, "data/model.pkl", weights)).EnsureSuccessStatusCode();
        var finalized = await _mlflow.Ok(Send(HttpMethod.Patch, $"/logged-models/{id}", $$"""{"model_id": "{{id}}", "status": "LOGGED_MODEL_READY"}"""));
        Assert.Equal("LOGGED_MODEL_READY", finalized.GetProperty("model").GetProperty("info").GetProperty("status").GetString());

        var run = (await _mlflow.Ok(_mlflow.Get($"/runs/get?run_id={_runId}"))).GetProperty("run");
        Assert.Equal($$"""{"model_outputs":[{"model_id":"{{id}}","step":0}]}""", run.GetProperty("outputs").GetRawText());

        // runs:/<run>/model resolves this way in MLflow 3.x (runs_artifact_repo.py): search by name, then match the run.
        var found = await _mlflow.Ok(_mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"], "filter": "name = 'model'"}"""));
        var match = Assert.Single(found.GetProperty("models").EnumerateArray());
        Assert.Equal(id, match.GetProperty("info").GetProperty("model_id").GetString());
        Assert.Equal("LOGGED_MODEL_READY", match.GetProperty("info").GetProperty("status").GetString());

        var listing = await _mlflow.Ok(_mlflow.Get($"/logged-models/{id}/artifacts/directories"));
        Assert.Equal($"mlflow-artifacts:/1/models/{id}/artifacts", listing.GetProperty("root_uri").GetString());
        Assert.Equal(["MLmodel|False", "data|True"], listing.GetProperty("files").EnumerateArray().Select(f => $"{f.GetProperty("path").GetString()}|{f.GetProperty("is_dir").GetBoolean()}"));
        var nested = await _mlflow.Ok(_mlflow.Get($"/logged-models/{id}/artifacts/directories?artifact_directory_path=data"));
        Assert.Equal("data/model.pkl", Assert.Single(nested.GetProperty("files").EnumerateArray()).GetProperty("path").GetString());
        var proxy = await _mlflow.Ok(_mlflow.Get("-artifacts/artifacts?path=" + Uri.EscapeDataString($"1/models/{id}/artifacts/data")));
        Assert.Equal("""[{"path":"model.pkl","is_dir":false,"file_size":100000}]""", proxy.GetProperty("files").GetRawText());
        Assert.Equal(weights, await _http.GetByteArrayAsync($"/api/2.0/mlflow-artifacts/artifacts/1/models/{id}/artifacts/data/model.pkl"));
    }

    [Fact]
    public async Task TagsParamsAndDelete_BehaveAsMlflow()
    {
        var id = await CreateModel();
        var tagged = await _mlflow.Ok(Send(HttpMethod.Patch, $"/logged-models/{id}/tags", """{"tags": [{"key": "stage", "value": "dev"}, {"key": "mlflow.user", "value": "bob"}]}"""));
        Assert.Equal(
            """[{"key":"mlflow.source.type","value":"LOCAL"},{"key":"mlflow.user","value":"bob"},{"key":"stage","value":"dev"}]""",
            tagged.GetProperty("model").GetProperty("info").GetProperty("tags").GetRawText());
        Assert.Equal("{}", (await _mlflow.Ok(Send(HttpMethod.Delete, $"/logged-models/{id}/tags/stage"))).GetRawText());
        MlflowWire.Error(await Send(HttpMethod.Delete, $"/logged-models/{id}/tags/stage"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "No tag with key 'stage'");

        await _mlflow.Ok(_mlflow.Post($"/logged-models/{id}/params", """{"params": [{"key": "alpha", "value": "0.5"}, {"key": "beta", "value": "2"}]}"""));
        MlflowWire.Error(
            await _mlflow.Post($"/logged-models/{id}/params", """{"params": [{"key": "gamma", "value": "1"}, {"key": "alpha", "value": "0.7"}]}"""),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed");
        var model = await _mlflow.Ok(_mlflow.Get($"/logged-models/{id}"));
        Assert.Equal("""[{"key":"alpha","value":"0.5"},{"key":"beta","value":"2"}]""", model.GetProperty("model").GetProperty("data").GetProperty("params").GetRawText());

        Assert.Equal("{}", (await _mlflow.Ok(Send(HttpMethod.Delete, $"/logged-models/{id}"))).GetRawText());
        MlflowWire.Error(await _mlflow.Get($"/logged-models/{id}"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Logged model with ID '{id}' not found.");
        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"]}"""))).GetRawText());
        using var upload = await Upload(id, "late.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
    }

    [Fact]
    public async Task Search_FiltersOrdersAndPages()
    {
        var a = await CreateModel("a-model");
        var b = await CreateModel("b-model");
        var c = await CreateModel("c-other");
        await Send(HttpMethod.Patch, $"/logged-models/{b}", """{"status": 2}""");
        await Send(HttpMethod.Patch, $"/logged-models/{c}/tags", """{"tags": [{"key": "team", "value": "Vision"}]}""");

        async Task<string[]> Ids(string body) =>
            (await _mlflow.Ok(_mlflow.Post("/logged-models/search", body))).TryGetProperty("models", out var models)
                ? models.EnumerateArray().Select(m => m.GetProperty("info").GetProperty("model_id").GetString()!).ToArray()
                : [];

        Assert.Equal([a, b], await Ids("""{"experiment_ids": ["1"], "filter": "name LIKE '%-model'", "order_by": [{"field_name": "name", "ascending": true}]}"""));
        Assert.Equal([b], await Ids("""{"experiment_ids": ["1"], "filter": "status = 'LOGGED_MODEL_READY'"}"""));
        Assert.Equal([c], await Ids("""{"experiment_ids": ["1"], "filter": "tags.team ILIKE 'vis%' AND params.alpha = '0.5'"}"""));
        Assert.Equal([c, b, a], await Ids("""{"experiment_ids": ["1"], "order_by": [{"field_name": "name", "ascending": false}]}"""));
        Assert.Empty(await Ids($$"""{"experiment_ids": ["1"], "filter": "source_run_id != '{{_runId}}'"}"""));

        var first = await _mlflow.Ok(_mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"], "max_results": 2, "order_by": [{"field_name": "name"}]}"""));
        Assert.Equal(2, first.GetProperty("models").GetArrayLength());
        var token = first.GetProperty("next_page_token").GetString();
        Assert.Equal([c], await Ids($$"""{"experiment_ids": ["1"], "max_results": 2, "order_by": [{"field_name": "name"}], "page_token": "{{token}}"}"""));

        MlflowWire.Error(await _mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"], "filter": "name = 'a' OR name = 'b'"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "OR");
        MlflowWire.Error(await _mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"], "filter": "colour = 'red'"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "colour");
        MlflowWire.Error(await _mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"], "order_by": [{"field_name": "params.alpha"}]}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "params.alpha");
        MlflowWire.Error(await _mlflow.Post("/logged-models/search", """{"filter": "name = 'a'"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "experiment_ids");
    }

    [Theory]
    [InlineData("""{"experiment_id": "1", "name": "a/b"}""", "name")]
    [InlineData("""{"experiment_id": "1", "name": "v1.0"}""", "name")]
    [InlineData("""{"name": "m"}""", "experiment_id")]
    [InlineData("""{"experiment_id": "1", "source_run_id": "0123456789abcdef0123456789abcdef"}""", "source_run_id")]
    [InlineData("""{"experiment_id": "1", "params": [{"key": "../x", "value": "1"}]}""", "params[0].key")]
    public async Task CreateWithBadInput_Is400NamingTheField(string body, string field)
    {
        MlflowWire.Error(await _mlflow.Post("/logged-models", body), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains(field, (await _mlflow.Post("/logged-models", body)).Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Post("/logged-models/search", """{"experiment_ids": ["1"]}"""))).GetRawText());
    }

    [Fact]
    public async Task UnknownOrMalformedIds_Are404AndBadStatusIs400()
    {
        MlflowWire.Error(await _mlflow.Post("/logged-models", """{"experiment_id": "99"}"""), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Get("/logged-models/m-0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Get("/logged-models/not-a-model"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(
            await _mlflow.Post("/runs/outputs", $$"""{"run_id": "{{_runId}}", "models": [{"model_id": "m-0123456789abcdef0123456789abcdef", "step": 0}]}"""),
            HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        var id = await CreateModel();
        MlflowWire.Error(await Send(HttpMethod.Patch, $"/logged-models/{id}", """{"status": "LOGGED_MODEL_PENDING"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "status");
        MlflowWire.Error(await Send(HttpMethod.Patch, $"/logged-models/{id}", """{"status": "DONE"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "status");
        MlflowWire.Error(await Send(HttpMethod.Patch, $"/logged-models/{id}", "{}"), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "status");
    }

    [Theory]
    [InlineData("models/m-0123456789abcdef0123456789abcdef/../../x")]
    [InlineData("models/m-0123456789abcdef0123456789abcdef/artifacts/%2e%2e/%2e%2e/x")]
    [InlineData("models/..%2f..%2fetc/artifacts/x")]
    [InlineData("models/M-0123456789ABCDEF0123456789ABCDEF/artifacts/x")]
    public async Task MalformedModelTreePaths_Are400AndStoreNothing(string path)
    {
        using var body = new ByteArrayContent("evil"u8.ToArray());
        var uri = new Uri(_host.BaseUrl.ToString().TrimEnd('/') + $"/api/2.0/mlflow-artifacts/artifacts/1/{path}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = body };
        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        Assert.False(Directory.Exists(Path.Combine(_host.DataDirectory, "blobs", "sha256")) && Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "blobs", "sha256"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task AnotherProject_CannotSeeOrTouchTheModel()
    {
        var id = await CreateModel();
        (await Upload(id, "MLmodel", "x"u8.ToArray())).EnsureSuccessStatusCode();
        using var admin = new CairnClient(_host.BaseUrl, _host.AdminKey);
        await admin.CreateProjectAsync("other");
        await admin.SetMemberAsync("other", "olly", "owner");
        var key = await admin.CreateKeyAsync("other", new CreateKeyRequest("o", ["read", "write"], "olly"));
        using var other = _host.Client(key.Secret);
        var foreign = new MlflowWire(other);
        await foreign.Ok(foreign.Post("/experiments/create", """{"name": "theirs"}"""));
        MlflowWire.Error(await foreign.Get($"/logged-models/{id}"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Equal("{}", (await foreign.Ok(foreign.Post("/logged-models/search", """{"experiment_ids": ["1"]}"""))).GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/2.0/mlflow-artifacts/artifacts/1/models/{id}/artifacts/MLmodel")).StatusCode);
        using var plant = new ByteArrayContent("x"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsync($"/api/2.0/mlflow-artifacts/artifacts/1/models/{id}/artifacts/planted", plant)).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/2.0/mlflow/logged-models/{id}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(delete)).StatusCode);
        Assert.Equal("model", (await _mlflow.Ok(_mlflow.Get($"/logged-models/{id}"))).GetProperty("model").GetProperty("info").GetProperty("name").GetString());
    }
}

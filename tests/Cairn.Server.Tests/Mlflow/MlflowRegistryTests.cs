using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>
/// The MLflow Model Registry API with the client's call order (shared/MLFLOW-COMPAT.md): register a run's
/// model, poll the version, alias it, resolve <c>models:/name@alias</c>, download through the proxy; and
/// what no registry should allow: sources outside Cairn's trees, and serving altered files.
/// </summary>
public sealed class MlflowRegistryTests : IAsyncLifetime
{
    private static readonly byte[] Weights = RandomNumberGenerator.GetBytes(50_000);
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
        await Upload($"1/{_runId}/artifacts/model/MLmodel", "artifact_path: model\nflavors: {}\n"u8.ToArray());
        await Upload($"1/{_runId}/artifacts/model/data/model.bin", Weights);
        await Upload($"1/{_runId}/artifacts/notes.txt", "not part of the model"u8.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private async Task Upload(string path, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await _http.PutAsync($"/api/2.0/mlflow-artifacts/artifacts/{path}", body)).EnsureSuccessStatusCode();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, "/api/2.0/mlflow" + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<JsonElement> Register(string source, string name = "clf")
    {
        await _mlflow.Post("/registered-models/create", $$"""{"name": "{{name}}"}""");
        return (await _mlflow.Ok(_mlflow.Post("/model-versions/create", $$"""{"name": "{{name}}", "source": "{{source}}", "run_id": "{{_runId}}"}"""))).GetProperty("model_version");
    }

    /// <summary>The version digest, computed here from the files as uploaded: SHA-256 over "sha256 size path\n" lines in path order.</summary>
    private static string ExpectedDigest(params (string Path, byte[] Content)[] files)
    {
        var lines = files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{Convert.ToHexStringLower(SHA256.HashData(f.Content))} {f.Content.Length} {f.Path}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
    }

    [Fact]
    public async Task RegisterModelFlow_AsTheClientCallsIt()
    {
        var created = await _mlflow.Ok(_mlflow.Post("/registered-models/create", """{"name": "clf", "tags": [{"key": "team", "value": "vision"}], "description": "fraud"}"""));
        Assert.Equal("clf", created.GetProperty("registered_model").GetProperty("name").GetString());
        MlflowWire.Error(await _mlflow.Post("/registered-models/create", """{"name": "clf"}"""), HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "Registered Model (name=clf) already exists.");

        var version = (await _mlflow.Ok(_mlflow.Post("/model-versions/create", $$"""
            {"name": "clf", "source": "mlflow-artifacts:/1/{{_runId}}/artifacts/model", "run_id": "{{_runId}}", "tags": [{"key": "k", "value": "v"}]}
            """))).GetProperty("model_version");
        Assert.Equal("1", version.GetProperty("version").GetString());
        Assert.Equal("READY", version.GetProperty("status").GetString());
        Assert.Equal("None", version.GetProperty("current_stage").GetString());
        Assert.Equal(_runId, version.GetProperty("run_id").GetString());

        var polled = (await _mlflow.Ok(_mlflow.Get("/model-versions/get?name=clf&version=1"))).GetProperty("model_version");
        Assert.Equal("READY", polled.GetProperty("status").GetString());
        var model = (await _mlflow.Ok(_mlflow.Get("/registered-models/get?name=clf"))).GetProperty("registered_model");
        Assert.Equal("1", Assert.Single(model.GetProperty("latest_versions").EnumerateArray()).GetProperty("version").GetString());

        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Post("/registered-models/alias", """{"name": "clf", "alias": "champion", "version": "1"}"""))).GetRawText());
        var byAlias = (await _mlflow.Ok(_mlflow.Get("/registered-models/alias?name=clf&alias=champion"))).GetProperty("model_version");
        Assert.Equal("1", byAlias.GetProperty("version").GetString());
        Assert.Equal("""["champion"]""", byAlias.GetProperty("aliases").GetRawText());
        Assert.Equal("""[{"alias":"champion","version":"1"}]""", (await _mlflow.Ok(_mlflow.Get("/registered-models/get?name=clf"))).GetProperty("registered_model").GetProperty("aliases").GetRawText());

        var uri = (await _mlflow.Ok(_mlflow.Get("/model-versions/get-download-uri?name=clf&version=1"))).GetProperty("artifact_uri").GetString();
        Assert.Equal("mlflow-artifacts:/registry/clf/1", uri);
        var listing = await _mlflow.Ok(_mlflow.Get("-artifacts/artifacts?path=registry/clf/1"));
        Assert.Equal(["MLmodel|False", "data|True"], listing.GetProperty("files").EnumerateArray().Select(f => $"{f.GetProperty("path").GetString()}|{f.GetProperty("is_dir").GetBoolean()}"));
        Assert.Equal(Weights, await _http.GetByteArrayAsync("/api/2.0/mlflow-artifacts/artifacts/registry/clf/1/data/model.bin"));
    }

    [Fact]
    public async Task VersionFiles_AreFixedAtRegistration_WithAnIndependentlyComputedDigest()
    {
        var version = await Register($"runs:/{_runId}/model");
        Assert.Equal("1", version.GetProperty("version").GetString());
        await Upload($"1/{_runId}/artifacts/model/data/model.bin", "overwritten in the run"u8.ToArray());
        (await _http.DeleteAsync($"/api/2.0/mlflow-artifacts/artifacts/1/{_runId}/artifacts/model/MLmodel")).EnsureSuccessStatusCode();

        Assert.Equal(Weights, await _http.GetByteArrayAsync("/api/2.0/mlflow-artifacts/artifacts/registry/clf/1/data/model.bin"));
        Assert.Equal("artifact_path: model\nflavors: {}\n", await _http.GetStringAsync("/api/2.0/mlflow-artifacts/artifacts/registry/clf/1/MLmodel"));
        var registry = _host.App.Services.GetService(typeof(Cairn.Registry.RegistryService)) as Cairn.Registry.RegistryService;
        var stored = await registry!.GetVersionAsync(1, "clf", 1, CancellationToken.None);
        Assert.Equal(ExpectedDigest(("MLmodel", "artifact_path: model\nflavors: {}\n"u8.ToArray()), ("data/model.bin", Weights)), stored.Digest);
        using var put = new ByteArrayContent("x"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PutAsync("/api/2.0/mlflow-artifacts/artifacts/registry/clf/1/MLmodel", put)).StatusCode);
    }

    [Fact]
    public async Task TamperedBlob_IsRefusedAtDownloadAndAudited()
    {
        await Register($"runs:/{_runId}/model");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Weights));
        var blob = Path.Combine(_host.DataDirectory, "blobs", "sha256", digest[..2], digest[2..4], digest);
        File.SetAttributes(blob, FileAttributes.Normal);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[100] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, bytes);

        var refused = await _mlflow.Get("-artifacts/artifacts/registry/clf/1/data/model.bin");
        MlflowWire.Error(refused, HttpStatusCode.Conflict, "RESOURCE_CONFLICT", "no longer matches its recorded SHA-256");
        using var events = await _http.GetAsync("/api/v1/audit/events?action=registry.tamper_detected");
        var body = await events.Content.ReadAsStringAsync();
        Assert.True(events.IsSuccessStatusCode, body);
        Assert.Contains("data/model.bin", body, StringComparison.Ordinal);
        Assert.Equal("artifact_path: model\nflavors: {}\n", await _http.GetStringAsync("/api/2.0/mlflow-artifacts/artifacts/registry/clf/1/MLmodel"));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]                                   // CVE-2023-1177: a local source
    [InlineData("/etc/passwd")]
    [InlineData("../../../etc")]
    [InlineData("http://169.254.169.254/latest/meta-data")]             // CVE-2023-6015/6018: a remote source the server would fetch
    [InlineData("s3://bucket/model")]
    [InlineData("mlflow-artifacts://evil.example.com/1/x/artifacts")]
    [InlineData("mlflow-artifacts:/1/RUN/artifacts/model#/../../../../etc")] // CVE-2023-6909 / 2024-1483: '#' and '..' tricks
    [InlineData("mlflow-artifacts:/1/RUN/artifacts/%2e%2e/%2e%2e/x")]
    [InlineData("mlflow-artifacts:/1/RUN/artifacts/%252e%252e%252fx")]    // CVE-2023-6831: double encoding
    [InlineData("runs:/RUN/../../etc")]
    [InlineData("runs:/RUN/model/..%2f..%2fsecret")]
    [InlineData("models:/other/1")]
    public async Task SourcesOutsideCairnsTrees_AreRefusedAndNothingIsRegistered(string source)
    {
        await _mlflow.Post("/registered-models/create", """{"name": "clf"}""");
        var answer = await _mlflow.Post("/model-versions/create", JsonSerializer.Serialize(new { name = "clf", source = source.Replace("RUN", _runId, StringComparison.Ordinal) }));
        MlflowWire.Error(answer, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Get("/model-versions/search?filter=" + Uri.EscapeDataString("name='clf'")))).GetRawText());
    }

    [Fact]
    public async Task BadRequests_AreMlflowErrors()
    {
        await Register($"runs:/{_runId}/model");
        MlflowWire.Error(await _mlflow.Get("/registered-models/get?name=nope"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=nope not found");
        MlflowWire.Error(await _mlflow.Get("/model-versions/get?name=clf&version=9"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Model Version (name=clf, version=9) not found");
        MlflowWire.Error(await _mlflow.Get("/model-versions/get?name=clf&version=abc"), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        MlflowWire.Error(await _mlflow.Post("/registered-models/alias", """{"name": "clf", "alias": "latest", "version": "1"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "reserved");
        MlflowWire.Error(await _mlflow.Post("/registered-models/alias", """{"name": "clf", "alias": "v2", "version": "1"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        MlflowWire.Error(await _mlflow.Post("/registered-models/alias", """{"name": "clf", "alias": "champion", "version": "7"}"""), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Get("/registered-models/alias?name=clf&alias=champion"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Post("/model-versions/create", $$"""{"name": "nope", "source": "runs:/{{_runId}}/model"}"""), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Post("/model-versions/create", $$"""{"name": "clf", "source": "runs:/{{_runId}}/missing"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "holds no files");
        MlflowWire.Error(await _mlflow.Post("/registered-models/create", """{"name": "a/b"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        await _mlflow.Ok(_mlflow.Post("/runs/delete", $$"""{"run_id": "{{_runId}}"}"""));
        MlflowWire.Error(await _mlflow.Post("/model-versions/create", $$"""{"name": "clf", "source": "runs:/{{_runId}}/model"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "deleted run");
    }

    [Fact]
    public async Task StagesSearchRenameAndDelete_BehaveAsMlflow()
    {
        await Register($"runs:/{_runId}/model");
        await Register($"mlflow-artifacts:/1/{_runId}/artifacts/model");
        await Register($"runs:/{_runId}/notes.txt", "other");
        var moved = await _mlflow.Ok(_mlflow.Post("/model-versions/transition-stage", """{"name": "clf", "version": "1", "stage": "production", "archive_existing_versions": false}"""));
        Assert.Equal("Production", moved.GetProperty("model_version").GetProperty("current_stage").GetString());
        await _mlflow.Ok(_mlflow.Post("/model-versions/transition-stage", """{"name": "clf", "version": "2", "stage": "Production", "archive_existing_versions": true}"""));
        Assert.Equal("Archived", (await _mlflow.Ok(_mlflow.Get("/model-versions/get?name=clf&version=1"))).GetProperty("model_version").GetProperty("current_stage").GetString());
        var latest = await _mlflow.Ok(_mlflow.Post("/registered-models/get-latest-versions", """{"name": "clf", "stages": ["Production"]}"""));
        Assert.Equal("2", Assert.Single(latest.GetProperty("model_versions").EnumerateArray()).GetProperty("version").GetString());

        var models = await _mlflow.Ok(_mlflow.Get("/registered-models/search?filter=" + Uri.EscapeDataString("name LIKE 'cl%'")));
        Assert.Equal("clf", Assert.Single(models.GetProperty("registered_models").EnumerateArray()).GetProperty("name").GetString());
        var versions = await _mlflow.Ok(_mlflow.Get("/model-versions/search?filter=" + Uri.EscapeDataString($"run_id = '{_runId}'")));
        Assert.Equal(["clf/2", "clf/1", "other/1"], versions.GetProperty("model_versions").EnumerateArray().Select(v => $"{v.GetProperty("name").GetString()}/{v.GetProperty("version").GetString()}"));
        var single = await _http.GetStringAsync("/api/2.0/mlflow-artifacts/artifacts/registry/other/1/notes.txt");
        Assert.Equal("not part of the model", single);

        await _mlflow.Ok(_mlflow.Post("/registered-models/rename", """{"name": "clf", "new_name": "fraud"}"""));
        Assert.Equal("2", (await _mlflow.Ok(_mlflow.Get("/model-versions/get?name=fraud&version=2"))).GetProperty("model_version").GetProperty("version").GetString());
        await _mlflow.Ok(Send(HttpMethod.Delete, "/model-versions/delete", """{"name": "fraud", "version": "2"}"""));
        MlflowWire.Error(await _mlflow.Get("/model-versions/get?name=fraud&version=2"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        await _mlflow.Ok(Send(HttpMethod.Delete, "/registered-models/delete", """{"name": "fraud"}"""));
        MlflowWire.Error(await _mlflow.Get("/registered-models/get?name=fraud"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Equal(Weights, await _http.GetByteArrayAsync($"/api/2.0/mlflow-artifacts/artifacts/1/{_runId}/artifacts/model/data/model.bin"));
    }

    [Fact]
    public async Task TagsDescriptionsAndAliasRemoval_RoundTrip()
    {
        await Register($"runs:/{_runId}/model");
        await _mlflow.Ok(_mlflow.Post("/registered-models/set-tag", """{"name": "clf", "key": "team", "value": "vision"}"""));
        await _mlflow.Ok(Send(HttpMethod.Patch, "/registered-models/update", """{"name": "clf", "description": "fraud model"}"""));
        await _mlflow.Ok(_mlflow.Post("/model-versions/set-tag", """{"name": "clf", "version": "1", "key": "validated", "value": "yes"}"""));
        await _mlflow.Ok(Send(HttpMethod.Patch, "/model-versions/update", """{"name": "clf", "version": "1", "description": "first"}"""));
        await _mlflow.Ok(_mlflow.Post("/registered-models/alias", """{"name": "clf", "alias": "champion", "version": "1"}"""));

        var search = await _mlflow.Ok(_mlflow.Get("/registered-models/search?filter=" + Uri.EscapeDataString("tags.team = 'vision'")));
        var model = Assert.Single(search.GetProperty("registered_models").EnumerateArray());
        Assert.Equal("fraud model", model.GetProperty("description").GetString());
        Assert.Equal("""[{"key":"team","value":"vision"}]""", model.GetProperty("tags").GetRawText());
        Assert.Equal("1", Assert.Single(model.GetProperty("latest_versions").EnumerateArray()).GetProperty("version").GetString());
        var version = (await _mlflow.Ok(_mlflow.Get("/model-versions/get?name=clf&version=1"))).GetProperty("model_version");
        Assert.Equal("first", version.GetProperty("description").GetString());
        Assert.Equal("""[{"key":"validated","value":"yes"}]""", version.GetProperty("tags").GetRawText());
        var latest = await _mlflow.Ok(_mlflow.Get("/registered-models/get-latest-versions?name=clf&stages=None"));
        Assert.Equal("1", Assert.Single(latest.GetProperty("model_versions").EnumerateArray()).GetProperty("version").GetString());

        await _mlflow.Ok(Send(HttpMethod.Delete, "/registered-models/delete-tag", """{"name": "clf", "key": "team"}"""));
        await _mlflow.Ok(Send(HttpMethod.Delete, "/model-versions/delete-tag", """{"name": "clf", "version": "1", "key": "validated"}"""));
        await _mlflow.Ok(Send(HttpMethod.Delete, "/registered-models/alias", """{"name": "clf", "alias": "champion"}"""));
        var after = (await _mlflow.Ok(_mlflow.Get("/registered-models/get?name=clf"))).GetProperty("registered_model");
        Assert.False(after.TryGetProperty("tags", out _));
        Assert.False(after.TryGetProperty("aliases", out _));
        Assert.False((await _mlflow.Ok(_mlflow.Get("/model-versions/get?name=clf&version=1"))).GetProperty("model_version").TryGetProperty("tags", out _));
        MlflowWire.Error(await _mlflow.Get("/registered-models/alias?name=clf&alias=champion"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Post("/model-versions/set-tag", """{"name": "clf", "version": "5", "key": "k", "value": "v"}"""), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        MlflowWire.Error(await _mlflow.Post("/model-versions/transition-stage", """{"name": "clf", "version": "1", "stage": "Live"}"""), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "stage");

        using var bodiless = new HttpRequestMessage(HttpMethod.Delete, "/api/2.0/mlflow/registered-models/delete");
        using var refused = await _http.SendAsync(bodiless);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("clf", (await _mlflow.Ok(_mlflow.Get("/registered-models/get?name=clf"))).GetProperty("registered_model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task MlflowThreeRegistration_FromALoggedModel()
    {
        var id = (await _mlflow.Ok(_mlflow.Post("/logged-models", $$"""{"experiment_id": "1", "name": "model", "source_run_id": "{{_runId}}"}""")))
            .GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        await Upload($"1/models/{id}/artifacts/MLmodel", "flavors: {}\n"u8.ToArray());
        await _mlflow.Post("/registered-models/create", """{"name": "llm"}""");
        var version = (await _mlflow.Ok(_mlflow.Post("/model-versions/create", $$"""{"name": "llm", "source": "models:/{{id}}", "run_id": "{{_runId}}", "model_id": "{{id}}"}""")))
            .GetProperty("model_version");
        Assert.Equal(id, version.GetProperty("model_id").GetString());
        Assert.Equal("flavors: {}\n", await _http.GetStringAsync("/api/2.0/mlflow-artifacts/artifacts/registry/llm/1/MLmodel"));
    }
}

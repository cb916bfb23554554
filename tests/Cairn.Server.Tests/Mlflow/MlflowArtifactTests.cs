using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>The MLflow artifact proxy as <c>mlflow.log_artifact</c> and <c>download_artifacts</c> use it.</summary>
public sealed class MlflowArtifactTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private HttpClient _http = null!;
    private MlflowWire _mlflow = null!;
    private string _runId = null!;

    private string Root => $"/api/2.0/mlflow-artifacts/artifacts/1/{_runId}/artifacts";

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync("--Cairn:Artifacts:MaxArtifactBytes=30000000");
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

    private async Task<HttpResponseMessage> Put(string relative, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await _http.PutAsync($"{Root}/{relative}", body);
    }

    [Fact]
    public async Task UploadListDownloadDelete_RoundTripsLikeTheMlflowClient()
    {
        var big = new byte[20_000_000];
        new Random(1).NextBytes(big);
        Assert.Equal(HttpStatusCode.OK, (await Put("model/weights.bin", big)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put("model/MLmodel", "flavors: {}\n"u8.ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put("metrics.json", """{"acc": 0.9}"""u8.ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put("empty.txt", [])).StatusCode);

        var proxyRoot = await _mlflow.Ok(_mlflow.Get("-artifacts/artifacts?path=" + Uri.EscapeDataString($"1/{_runId}/artifacts")));
        Assert.Equal(
            ["empty.txt|False|", "metrics.json|False|12", "model|True|"],
            proxyRoot.GetProperty("files").EnumerateArray().Select(f => $"{f.GetProperty("path").GetString()}|{f.GetProperty("is_dir").GetBoolean()}|{(f.TryGetProperty("file_size", out var s) ? s.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}"));

        var runList = await _mlflow.Ok(_mlflow.Get($"/artifacts/list?run_id={_runId}&path=model"));
        Assert.Equal($"mlflow-artifacts:/1/{_runId}/artifacts", runList.GetProperty("root_uri").GetString());
        Assert.Equal(["model/MLmodel", "model/weights.bin"], runList.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));

        using var download = await _http.GetAsync($"{Root}/model/weights.bin", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(SHA256.HashData(big), await SHA256.HashDataAsync(await download.Content.ReadAsStreamAsync()));
        using var json = await _http.GetAsync($"{Root}/metrics.json");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await _http.DeleteAsync($"{Root}/model/weights.bin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"{Root}/model/weights.bin")).StatusCode);
        Assert.False(File.Exists(BlobPath(Convert.ToHexStringLower(SHA256.HashData(big)))), "an unreferenced blob stayed behind");
    }

    [Fact]
    public async Task SameContentInTwoRuns_IsStoredOnceAndSurvivesOneDelete()
    {
        var other = (await _mlflow.Ok(_mlflow.Post("/runs/create", """{"experiment_id": "1", "start_time": 2}"""))).GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        var content = "shared"u8.ToArray();
        await Put("a.txt", content);
        using (var body = new ByteArrayContent(content))
        {
            (await _http.PutAsync($"/api/2.0/mlflow-artifacts/artifacts/1/{other}/artifacts/b.txt", body)).EnsureSuccessStatusCode();
        }

        (await _http.DeleteAsync($"{Root}/a.txt")).EnsureSuccessStatusCode();
        Assert.True(File.Exists(BlobPath(Convert.ToHexStringLower(SHA256.HashData(content)))));
        Assert.Equal("shared", await _http.GetStringAsync($"/api/2.0/mlflow-artifacts/artifacts/1/{other}/artifacts/b.txt"));
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("%2e%2e/%2e%2e/secret")]
    [InlineData("%252e%252e%252fsecret")]
    [InlineData("a/%2e%2e/%2e%2e/%2e%2e/x")]
    [InlineData("..%5c..%5csecret")]
    [InlineData("a\\..\\..\\secret")]
    [InlineData("a/./b")]
    public async Task TraversalInAnyEncoding_Is400AndWritesNothing(string relative)
    {
        using var body = new ByteArrayContent("evil"u8.ToArray());
        // Sent as written: no client-side canonicalisation of dots or escapes.
        var uri = new Uri(_host.BaseUrl.ToString().TrimEnd('/') + $"/api/2.0/mlflow-artifacts/artifacts/1/{_runId}/artifacts/{relative}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = body };
        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{relative}: {(int)response.StatusCode}");
        Assert.Empty(FilesUnder("blobs"));
        Assert.Equal("{}", (await _mlflow.Ok(_mlflow.Get($"/artifacts/list?run_id={_runId}"))).GetRawText().Replace($"\"root_uri\":\"mlflow-artifacts:/1/{_runId}/artifacts\"", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/1/RUN/other/x.txt", "must be '<experiment_id>/<run_id>/artifacts/<file>'")]
    [InlineData("/api/2.0/mlflow-artifacts/artifacts/2/RUN/artifacts/x.txt", "not found")]
    public async Task PathOutsideTheRunsTree_IsRefused(string path, string message)
    {
        using var body = new ByteArrayContent("x"u8.ToArray());
        using var response = await _http.PutAsync(path.Replace("RUN", _runId, StringComparison.Ordinal), body);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((int)response.StatusCode is 400 or 404);
    }

    [Fact]
    public async Task OverTheSizeLimit_IsRefusedAndLeavesNothing()
    {
        try
        {
            var response = await Put("huge.bin", new byte[30_000_001]);
            Assert.True((int)response.StatusCode is 400 or 413, $"{(int)response.StatusCode}");
        }
        catch (HttpRequestException)
        {
            // The server refuses while the client is still sending and closes the connection: normal for an oversize upload.
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"{Root}/huge.bin")).StatusCode);
        Assert.Empty(FilesUnder("blobs"));
    }

    [Fact]
    public async Task AnotherProjectsKey_CannotReadOrWriteTheRunsArtifacts()
    {
        await Put("secret.txt", "s"u8.ToArray());
        using var admin = new CairnClient(_host.BaseUrl, _host.AdminKey);
        await admin.CreateProjectAsync("other");
        await admin.SetMemberAsync("other", "olly", "owner");
        var key = await admin.CreateKeyAsync("other", new CreateKeyRequest("o", ["read", "write"], "olly"));
        using var other = _host.Client(key.Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Root}/secret.txt")).StatusCode);
        using var body = new ByteArrayContent("x"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsync($"{Root}/planted.txt", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Root}/secret.txt")).StatusCode);
    }

    [Fact]
    public async Task FileAndDirectoryWithTheSameName_AreRefused()
    {
        (await Put("model", "x"u8.ToArray())).EnsureSuccessStatusCode();
        using var clash = await Put("model/file", "content never stored"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Contains("cannot be both a file and a directory", await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(BlobPath(Convert.ToHexStringLower(SHA256.HashData("content never stored"u8.ToArray())))), "refused content left a blob behind");
    }

    private string[] FilesUnder(string folder)
    {
        var path = Path.Combine(_host.DataDirectory, folder);
        return Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : [];
    }

    private string BlobPath(string digest) => Path.Combine(_host.DataDirectory, "blobs", "sha256", digest[..2], digest[2..4], digest);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cairn.Client;
using Cairn.Server.Tests.Registry;
using Cairn.Serving;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary>Deployments that cannot serve: a corrupt model, a run past its timeout; and the deploy scope, isolation, lineage and deletion.</summary>
public sealed class DeploymentLifecycleTests
{
    [Fact]
    public async Task ACorruptModel_IsNotReady_WhileTheServerStaysLive()
    {
        await using var scene = await RegistryScene.StartAsync();
        var junk = ServingScene.Model("iris_linear.onnx")[..200];
        var deployment = await ServingScene.DeployAsync(scene, "broken", "broken", junk);
        Assert.False(deployment.Ready);
        Assert.Contains("could not be loaded (InvalidProtobuf)", deployment.Problem, StringComparison.Ordinal);

        using var http = scene.Http("dana");
        using var ready = await http.GetAsync("/v2/models/broken/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var infer = await http.PostAsJsonAsync("/v2/models/broken/infer", new { inputs = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Equal("1", infer.Headers.RetryAfter?.ToString());
        using var anonymous = new HttpClient { BaseAddress = scene.Host.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v2/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ATamperedModelFile_IsRefusedAtDeploy_AndAtTheNextLoad()
    {
        await using var scene = await RegistryScene.StartAsync();
        var onnx = ServingScene.Model("iris_linear.onnx");
        Assert.True((await ServingScene.DeployAsync(scene, "iris", "iris", onnx)).Ready);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx));
        var blob = Path.Combine(scene.Host.DataDirectory, "blobs", "sha256", digest[..2], digest[2..4], digest);
        File.SetAttributes(blob, FileAttributes.Normal);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes);

        using var admin = scene.Http("admin");
        using var again = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "iris-2", model = "iris", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("no longer matches", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // What a restart does: the loader loads every stored deployment again, through the load check.
        var loader = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<DeploymentLoader>(scene.Host.App.Services);
        await loader.StartAsync(CancellationToken.None);
        await loader.ExecuteTask!;
        using var http = scene.Http("dana");
        using var ready = await http.GetAsync("/v2/models/iris/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("no longer matches", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var infer = await http.PostAsJsonAsync("/v2/models/iris/infer", new { inputs = new[] { new { name = "input", shape = new[] { 1, 4 }, datatype = "FP32", data = new[] { 5.1, 3.5, 1.4, 0.2 } } } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
    }

    [Fact]
    public async Task ARunPastItsTimeout_IsTerminated_With504()
    {
        await using var scene = await RegistryScene.StartAsync();
        var deployment = await ServingScene.DeployAsync(scene, "slow", "slow", ServingScene.Model("slow_chain.onnx"), new { timeout_ms = 100 });
        Assert.True(deployment.Ready, deployment.Problem);
        using var http = scene.Http("dana");
        using var response = await http.PostAsJsonAsync("/v2/models/slow/infer", SlowBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.GatewayTimeout, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("timeout of 100 ms", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullQueue_Is429WithRetryAfter()
    {
        await using var scene = await RegistryScene.StartAsync();
        var deployment = await ServingScene.DeployAsync(scene, "slow", "slow", ServingScene.Model("slow_chain.onnx"), new { max_concurrency = 1, max_queue = 0, timeout_ms = 30_000 });
        Assert.True(deployment.Ready, deployment.Problem);
        using var http = scene.Http("dana");
        var body = SlowBody();

        // The first request holds the only slot for seconds; once it is admitted, a second finds no room.
        var first = http.PostAsJsonAsync("/v2/models/slow/infer", body);
        for (var i = 0; i < 400 && JsonDocument.Parse(await http.GetStringAsync("/api/v1/deployments/slow")).RootElement.GetProperty("in_flight").GetInt32() == 0; i++)
        {
            await Task.Delay(25);
        }

        using var second = await http.PostAsJsonAsync("/v2/models/slow/infer", body);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("1", second.Headers.RetryAfter?.ToString());
        Assert.Contains("requests waiting", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var done = await first;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    private static object SlowBody()
    {
        var zeros = new float[1024 * 1024];
        return new
        {
            inputs = new[]
            {
                new { name = "a", shape = new[] { 1024, 1024 }, datatype = "FP32", data = zeros },
                new { name = "w", shape = new[] { 1024, 1024 }, datatype = "FP32", data = zeros },
            },
        };
    }

    [Fact]
    public async Task DeployScope_ProjectIsolation_Lineage_AndDelete()
    {
        await using var scene = await RegistryScene.StartAsync();
        var deployment = await ServingScene.DeployAsync(scene, "iris", "iris", ServingScene.Model("iris_linear.onnx"));
        Assert.True(deployment.Ready, deployment.Problem);

        // An editor's key has no deploy scope.
        using var dana = scene.Http("dana");
        using var denied = await dana.PostAsJsonAsync("/api/v1/deployments", new { name = "again", model = "iris", version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var admin = scene.Http("admin");
        using var taken = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "iris", model = "iris", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        using var badName = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "Bad Name", model = "iris", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        using var noVersion = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "x", model = "iris", version = 9 });
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);

        // The version records where it is deployed.
        var lineage = JsonDocument.Parse(await dana.GetStringAsync("/api/v1/lineage?kind=model_version&key=iris/1&direction=down")).RootElement;
        Assert.Contains("deployment", lineage.GetRawText(), StringComparison.Ordinal);

        // Another project sees nothing.
        using var root = new CairnClient(scene.Host.BaseUrl, scene.Host.AdminKey);
        await root.CreateProjectAsync("other");
        var otherKey = (await root.CreateKeyAsync("other", new Cairn.Client.Contracts.CreateKeyRequest("k", ["read", "write", "deploy"], "admin"))).Secret;
        using var other = scene.Host.Client(otherKey);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v2/models/iris")).StatusCode);
        Assert.Equal("[]", await other.GetStringAsync("/api/v1/deployments"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/deployments/iris")).StatusCode);
        var after = JsonDocument.Parse(await dana.GetStringAsync("/api/v1/lineage?kind=model_version&key=iris/1&direction=down")).RootElement;
        Assert.DoesNotContain("deployment", after.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.GetAsync("/v2/models/iris")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/deployments/iris")).StatusCode);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary>A registry scene with helpers that register a committed ONNX model and deploy it.</summary>
internal static class ServingScene
{
    public static byte[] Model(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", file));

    /// <summary>scikit-learn's recorded rows, labels, probabilities and feature names for a model.</summary>
    public static JsonElement Expected(string name) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", name + ".expected.json"))).RootElement;

    /// <summary>Registers a version holding the bytes as model/model.onnx and deploys it (admin key); returns the deployment.</summary>
    public static Task<DeploymentDto> DeployAsync(RegistryScene scene, string deployment, string model, byte[] onnx, object? settings = null) =>
        DeployFilesAsync(scene, deployment, model, null, settings, ("model.onnx", onnx));

    /// <summary>Registers a version holding the files under model/ (plus an MLmodel) and deploys it, naming the ONNX file when given.</summary>
    public static async Task<DeploymentDto> DeployFilesAsync(
        RegistryScene scene, string deployment, string model, string? file, object? settings, params (string Path, byte[] Content)[] files)
    {
        using var admin = scene.Client("admin");
        (string, byte[])[] artifacts = [.. files.Select(f => ("model/" + f.Path, f.Content)), ("model/MLmodel", "flavors:\n  onnx: {}\n"u8.ToArray())];
        var run = await scene.RunWithFilesAsync("admin", new Dictionary<string, string>(), artifacts);
        try
        {
            await admin.CreateModelAsync(new CreateModelRequest(model));
        }
        catch (CairnApiException e) when (e.Status == System.Net.HttpStatusCode.Conflict)
        {
        }

        var version = await admin.RegisterVersionAsync(model, new RegisterVersionRequest($"runs:/{run}/model"));
        using var http = scene.Http("admin");
        using var response = await http.PostAsJsonAsync("/api/v1/deployments", new { name = deployment, model, version = version.Version, file, settings }, CairnJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DeploymentDto>(CairnJson.Options))!;
    }
}

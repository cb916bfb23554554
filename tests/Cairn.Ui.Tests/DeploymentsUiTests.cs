using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>
/// The deployments list (health, latency) and the "try it" playground in headless Chromium: a form built from the
/// signature answers with scikit-learn's own label; an OCR deployment reads an uploaded PNG.
/// </summary>
public sealed class DeploymentsUiTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task DeploymentsList_AndTheFeatureForm_PredictScikitLearnsLabel()
    {
        var name = "bc-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = new CairnClient(session.Host.BaseUrl, session.Host.AdminKey);
        await RegisterAsync(admin, name, ("model.onnx", await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "models", "breast_cancer_logreg.onnx"))));
        Assert.True((await admin.CreateDeploymentAsync(new CreateDeploymentRequest(name, name, 1))).Ready);
        using var expected = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "models", "breast_cancer_logreg.expected.json")));
        var row = expected.RootElement.GetProperty("inputs")[1].EnumerateArray().Select(v => v.GetRawText()).ToArray();
        var label = expected.RootElement.GetProperty("labels")[1].GetInt64();
        var features = expected.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray();

        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/deployments");
        var listed = page.Locator($"#deployments tr[data-deployment='{name}']");
        await listed.WaitForAsync();
        Assert.Equal("ready", await listed.Locator("[data-health]").GetAttributeAsync("data-health"));

        await Task.WhenAll(page.WaitForURLAsync($"**/deployments/{name}"), listed.Locator("a").First.ClickAsync());
        Assert.Equal(30, await page.Locator("#try [data-feature]").CountAsync());
        for (var i = 0; i < features.Length; i++)
        {
            await page.Locator($"#try input[data-feature='{features[i]}']").FillAsync(row[i]);
        }

        await page.Locator("#try button[type=submit]").ClickAsync();
        await page.Locator("#result").WaitForAsync();
        Assert.Equal(label.ToString(System.Globalization.CultureInfo.InvariantCulture), (await page.Locator("#outputs tr[data-output='label'] pre").InnerTextAsync()).Trim());
        Assert.EndsWith("ms", await page.Locator("#latency").InnerTextAsync(), StringComparison.Ordinal);

        // A value that is not a number is refused, naming the feature.
        await page.Locator($"#try input[data-feature='{features[0]}']").FillAsync("abc");
        await page.Locator("#try button[type=submit]").ClickAsync();
        await page.Locator("#refusal").WaitForAsync();
        Assert.StartsWith($"{features[0]}: 'abc' is not a number", await page.Locator("#refusal").InnerTextAsync(), StringComparison.Ordinal);

        // Requests through the protocol show up in the list's latency.
        using var http = new HttpClient { BaseAddress = session.Host.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.Host.AdminKey);
        var body = $$"""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":[{{string.Join(",", row)}}]}]}""";
        (await http.PostAsync($"v2/models/{name}/infer", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await page.GotoAsync(session.Host.BaseUrl + "deployments");
        Assert.EndsWith("ms", await page.Locator($"#deployments tr[data-deployment='{name}'] [data-p50]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOcrDeployment_ReadsAnUploadedImage()
    {
        var models = Cairn.Testing.OcrModels.Directory();
        var name = "ocr-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = new CairnClient(session.Host.BaseUrl, session.Host.AdminKey);
        await RegisterAsync(admin, name,
            ("rec.onnx", await File.ReadAllBytesAsync(Path.Combine(models, "rec.onnx"))), ("keys.txt", await File.ReadAllBytesAsync(Path.Combine(models, "ppocr_keys_v1.txt"))));
        var deployed = await admin.CreateDeploymentAsync(new CreateDeploymentRequest(name, name, 1, Settings: new DeploymentSettingsDto(Task: "ocr")));
        Assert.True(deployed.Ready, deployed.Problem);

        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, $"/deployments/{name}");
        await page.Locator("#try input[type=file]").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "ocr-testset", "line_001.png"));
        await page.Locator("#try button[type=submit]").ClickAsync();
        await page.Locator("#result").WaitForAsync();
        Assert.Equal("Hello World", (await page.Locator("#outputs tr[data-output='text'] pre").InnerTextAsync()).Trim());
    }

    private static async Task RegisterAsync(CairnClient admin, string model, params (string Path, byte[] Content)[] files)
    {
        var run = await admin.CreateRunAsync(new CreateRunRequest(0, "train", 1));
        foreach (var (path, content) in files)
        {
            await admin.UploadArtifactAsync(run.Id, "model/" + path, new MemoryStream(content));
        }

        await admin.CreateModelAsync(new CreateModelRequest(model));
        await admin.RegisterVersionAsync(model, new RegisterVersionRequest($"runs:/{run.Id}/model"));
    }
}

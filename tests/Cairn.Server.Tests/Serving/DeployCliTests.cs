using System.Globalization;
using System.Text.Json;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary><c>cairn deploy</c> and <c>cairn predict</c> against a real server, with scikit-learn's own labels as the expected answers.</summary>
public sealed class DeployCliTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;

    public async ValueTask InitializeAsync() => _scene = await RegistryScene.StartAsync();

    public async ValueTask DisposeAsync() => await _scene.DisposeAsync();

    private Task<(int Code, string Out, string Err)> Cairn(string who, params string[] args) =>
        CliRunner.RunAsync([.. args, "--url", _scene.Host.BaseUrl.ToString(), "--key", _scene.Keys[who]]);

    private static string Ok((int Code, string Out, string Err) result)
    {
        Assert.True(result.Code == 0, $"exit {result.Code}: {result.Out}{result.Err}");
        return result.Out;
    }

    [Fact]
    public async Task DeployAFile_ListIt_PredictFromCsvAndJson_ThenDelete()
    {
        var expected = ServingScene.Expected("breast_cancer_logreg");
        var features = expected.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray();
        var rows = expected.GetProperty("inputs").EnumerateArray().Take(3).Select(r => r.EnumerateArray().Select(v => v.GetRawText()).ToArray()).ToArray();
        var labels = expected.GetProperty("labels").EnumerateArray().Take(3).Select(v => v.GetInt64()).ToArray();

        var created = Ok(await Cairn("admin", "deploy", "create", "bc", "--onnx", Path.Combine(AppContext.BaseDirectory, "models", "breast_cancer_logreg.onnx"), "--max-batch-size", "8"));
        Assert.Contains("Deployed bc version 1 (model.onnx) as bc: ready", created, StringComparison.Ordinal);
        Assert.Matches("(?m)^bc +bc +1 +yes +0 +0 +- +- +up to 8", Ok(await Cairn("dana", "deploy", "list")));
        Assert.Contains("input     input: FP32[-1, 30]", Ok(await Cairn("dana", "deploy", "show", "bc")), StringComparison.Ordinal);

        var csv = Path.Combine(_scene.Work, "rows.csv");
        await File.WriteAllLinesAsync(csv, rows.Select(r => string.Join(",", r)).Prepend(string.Join(",", features.Select(f => $"\"{f}\""))));
        Assert.Equal(labels, Predictions(Ok(await Cairn("dana", "predict", "bc", "--input", csv))));

        var mlflow = Path.Combine(_scene.Work, "instances.json");
        await File.WriteAllTextAsync(mlflow, $"{{\"instances\": [{string.Join(",", rows.Select(r => "[" + string.Join(",", r) + "]"))}]}}");
        Assert.Equal(labels, Predictions(Ok(await Cairn("dana", "predict", "bc", "--input", mlflow))));

        var v2 = Path.Combine(_scene.Work, "v2.json");
        await File.WriteAllTextAsync(v2, $"{{\"inputs\": [{{\"name\": \"input\", \"shape\": [1, 30], \"datatype\": \"FP32\", \"data\": [{string.Join(",", rows[0])}]}}], \"outputs\": [{{\"name\": \"label\"}}]}}");
        var answer = JsonDocument.Parse(Ok(await Cairn("dana", "predict", "bc", "--input", v2))).RootElement;
        Assert.Equal(labels[0], answer.GetProperty("outputs")[0].GetProperty("data")[0].GetInt64());

        // Bad input names the field; the CLI exits 1 with the server's words.
        var bad = Path.Combine(_scene.Work, "bad.json");
        await File.WriteAllTextAsync(bad, """{"inputs": [{"name": "input", "shape": [1, 29], "datatype": "FP32", "data": [0]}]}""");
        var refused = await Cairn("dana", "predict", "bc", "--input", bad);
        Assert.Equal(1, refused.Code);
        Assert.Contains("400 inputs[0]: input 'input' needs dimension 1 to be 30", refused.Err, StringComparison.Ordinal);

        Assert.Equal(4, (await Cairn("dana", "deploy", "delete", "bc")).Code);
        Ok(await Cairn("admin", "deploy", "delete", "bc"));
        Assert.Equal(5, (await Cairn("dana", "predict", "bc", "--input", csv)).Code);
        Assert.Equal(2, (await Cairn("admin", "deploy", "create", "x", "--model", "bc")).Code);
    }

    [Fact]
    public async Task DeployOcrFromAPackage_AndReadAnImage()
    {
        var models = global::Cairn.Testing.OcrModels.Directory();
        Ok(await Cairn("admin", "models", "register", "ppocr", "--package", models));
        var created = Ok(await Cairn("admin", "deploy", "create", "ocr", "--model", "ppocr", "--version", "1", "--file", "rec.onnx", "--task", "ocr", "--ocr-detector", "det.onnx"));
        Assert.Contains("as ocr: ready", created, StringComparison.Ordinal);
        var page = Path.Combine(AppContext.BaseDirectory, "ocr-testset", "page_1.png");
        var read = JsonDocument.Parse(Ok(await Cairn("dana", "predict", "ocr", "--image", page))).RootElement.GetProperty("predictions")[0];
        Assert.Equal("Meeting notes\nAttendees: Anna, Ben, Carl\nNext review on 2024-06-01", read.GetProperty("text").GetString());
    }

    private static long[] Predictions(string output) =>
        JsonDocument.Parse(output).RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.Object ? p.GetProperty("label").GetInt64() : long.Parse(p.GetRawText(), CultureInfo.InvariantCulture)).ToArray();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cairn.Client.Contracts;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary>
/// PP-OCRv4 served end to end: PNG in, text out through CTC decoding, over both protocols. The expected text
/// is what models/ocr/render_textlines.py drew (labels.tsv, pages.tsv); the character error rate is the
/// Levenshtein distance over the whole set divided by its length, computed here.
/// </summary>
public sealed class OcrTests : IAsyncLifetime
{
    private static readonly string TestSet = Path.Combine(AppContext.BaseDirectory, "ocr-testset");
    private RegistryScene _scene = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _http = _scene.Http("dana");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _scene.DisposeAsync();
    }

    [Fact]
    public async Task Recognizer_ReadsTheRenderedLines_ThroughV2_WithLowCharacterErrorRate()
    {
        var models = Cairn.Testing.OcrModels.Directory();
        var deployment = await ServingScene.DeployFilesAsync(
            _scene, "ocr-lines", "ppocr", "rec.onnx", new { task = "ocr" },
            ("rec.onnx", File.ReadAllBytes(Path.Combine(models, "rec.onnx"))), ("ppocr_keys_v1.txt", File.ReadAllBytes(Path.Combine(models, "ppocr_keys_v1.txt"))));
        Assert.True(deployment.Ready, deployment.Problem);
        Assert.Equal(("image", "BYTES"), (deployment.Inputs[0].Name, deployment.Inputs[0].Datatype));

        var labels = File.ReadAllLines(Path.Combine(TestSet, "labels.tsv")).Select(l => l.Split('\t')).ToList();
        var read = new List<string>();
        foreach (var chunk in labels.Chunk(8))
        {
            var images = chunk.Select(l => Convert.ToBase64String(File.ReadAllBytes(Path.Combine(TestSet, l[0])))).ToArray();
            var body = new { id = "page", inputs = new[] { new { name = "image", shape = new[] { images.Length }, datatype = "BYTES", data = images } } };
            var answer = await Json(await _http.PostAsJsonAsync("/v2/models/ocr-lines/infer", body), HttpStatusCode.OK);
            var outputs = answer.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
            Assert.Equal("BYTES", outputs["text"].GetProperty("datatype").GetString());
            read.AddRange(outputs["text"].GetProperty("data").EnumerateArray().Select(t => t.GetString()!));
            Assert.All(outputs["confidence"].GetProperty("data").EnumerateArray(), c => Assert.InRange(c.GetDouble(), 0.5, 1.0));
        }

        var cer = CharacterErrorRate(labels.Select(l => l[1]).ToList(), read);
        Assert.True(cer <= 0.01, $"CER {cer:P2} over {labels.Count} lines; read: {string.Join(" | ", read)}");
    }

    [Fact]
    public async Task DetectorAndRecognizer_ReadWholePages_AndTheRawPngRoute_AndRefuseNonImages()
    {
        var models = Cairn.Testing.OcrModels.Directory();
        var deployment = await ServingScene.DeployFilesAsync(
            _scene, "ocr-pages", "ppocr-pages", "rec.onnx", new { task = "ocr", ocr_detector = "det.onnx" },
            ("rec.onnx", File.ReadAllBytes(Path.Combine(models, "rec.onnx"))), ("det.onnx", File.ReadAllBytes(Path.Combine(models, "det.onnx"))),
            ("ppocr_keys_v1.txt", File.ReadAllBytes(Path.Combine(models, "ppocr_keys_v1.txt"))));
        Assert.True(deployment.Ready, deployment.Problem);

        var pages = File.ReadAllLines(Path.Combine(TestSet, "pages.tsv")).Select(l => l.Split('\t')).GroupBy(l => l[0]).ToList();
        var expected = new List<string>();
        var read = new List<string>();
        foreach (var page in pages)
        {
            expected.Add(string.Join("\n", page.OrderBy(l => int.Parse(l[1], System.Globalization.CultureInfo.InvariantCulture)).Select(l => l[3])));

            // The image file itself, as MLflow-style scoring: {"predictions": [text]}.
            using var png = new ByteArrayContent(File.ReadAllBytes(Path.Combine(TestSet, page.Key)));
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var answer = await Json(await _http.PostAsync("/serve/ocr-pages/invocations", png), HttpStatusCode.OK);
            var prediction = answer.GetProperty("predictions")[0];
            read.Add(prediction.GetProperty("text").GetString()!);
        }

        var cer = CharacterErrorRate(expected, read);
        Assert.True(cer <= 0.02, $"CER {cer:P2} over {pages.Count} pages; read: {string.Join(" | ", read)}");

        // Not a PNG, and not base64: 400s naming the image.
        using var text = new StringContent("hello", Encoding.UTF8, "image/png");
        var refusal = await Json(await _http.PostAsync("/serve/ocr-pages/invocations", text), HttpStatusCode.BadRequest);
        Assert.StartsWith("image: is not a PNG", refusal.GetProperty("error").GetString(), StringComparison.Ordinal);
        var notBase64 = new { inputs = new[] { new { name = "image", shape = new[] { 1 }, datatype = "BYTES", data = new[] { "%%%" } } } };
        refusal = await Json(await _http.PostAsJsonAsync("/v2/models/ocr-pages/infer", notBase64), HttpStatusCode.BadRequest);
        Assert.StartsWith("image: row 0 is not base64", refusal.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOcrDeployment_NeedsItsDictionary_AndTheDictionaryMustFitTheModel()
    {
        var models = Cairn.Testing.OcrModels.Directory();
        var rec = File.ReadAllBytes(Path.Combine(models, "rec.onnx"));
        using var admin = _scene.Http("admin");
        var bad = await ServingScene.DeployFilesAsync(_scene, "ocr-ok", "ppocr-bad", "rec.onnx", new { task = "ocr" }, ("rec.onnx", rec), ("keys.txt", "a\nb\nc\n"u8.ToArray()));
        Assert.False(bad.Ready);
        var listed = await admin.GetFromJsonAsync<DeploymentDto>("/api/v1/deployments/ocr-ok", Cairn.Client.CairnJson.Options);
        Assert.Contains("the dictionary has 3 entries but the model has 6625 classes", listed!.Problem, StringComparison.Ordinal);

        using var missing = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "ocr-x", model = "ppocr-bad", version = 1, file = "rec.onnx", settings = new { task = "ocr", ocr_dictionary = "nope.txt" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("settings.ocr_dictionary", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var task = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "ocr-y", model = "ppocr-bad", version = 1, file = "rec.onnx", settings = new { task = "speech" } });
        Assert.Contains("settings.task", await task.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var detector = await admin.PostAsJsonAsync("/api/v1/deployments", new { name = "ocr-z", model = "ppocr-bad", version = 1, file = "rec.onnx", settings = new { ocr_detector = "rec.onnx" } });
        Assert.Equal(HttpStatusCode.BadRequest, detector.StatusCode);
        Assert.Contains("settings.ocr_detector: applies only when settings.task is 'ocr'", await detector.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Sum of edit distances over sum of reference lengths.</summary>
    private static double CharacterErrorRate(IReadOnlyList<string> expected, IReadOnlyList<string> read)
    {
        Assert.Equal(expected.Count, read.Count);
        var edits = expected.Zip(read, Levenshtein).Sum();
        return (double)edits / expected.Sum(e => e.Length);
    }

    private static int Levenshtein(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}

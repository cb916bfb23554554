using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cairn.Client.Contracts;
using Cairn.Server.Tests.Registry;
using Cairn.Server.Tests.Serving;
using Xunit;

namespace Cairn.Server.Tests.Evaluation;

/// <summary>
/// An evaluation of a registry version (the scikit-learn breast-cancer model, run by ONNX Runtime) over an uploaded
/// dataset. True labels are scikit-learn's predictions with five rows flipped, so every expected figure is counted by
/// hand from scikit-learn's recorded labels and probabilities, never from Cairn.
/// </summary>
public sealed class EvaluationRunTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;
    private HttpClient _admin = null!;
    private JsonElement _expected;
    private int[] _sk = [];
    private int[] _truth = [];
    private string _csv = "";

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _admin = _scene.Http("admin");
        _expected = ServingScene.Expected("breast_cancer_logreg");
        var deployment = await ServingScene.DeployAsync(_scene, "bc", "breast-cancer", ServingScene.Model("breast_cancer_logreg.onnx"));
        Assert.True(deployment.Ready, deployment.Problem);
        _sk = _expected.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        _truth = _sk.Select((l, i) => i < 5 ? 1 - l : l).ToArray();
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, 30).Select(i => "f" + i)) + ",label,region,group\n");
        var rows = _expected.GetProperty("inputs");
        for (var i = 0; i < rows.GetArrayLength(); i++)
        {
            csv.Append(string.Join(',', rows[i].EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture))))
               .Append(',').Append(_truth[i]).Append(',').Append(i % 2 == 0 ? "north" : "south").Append(',').Append(i % 3 == 0 ? "a" : "b").Append('\n');
        }

        _csv = csv.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _scene.DisposeAsync();
    }

    private async Task<JsonElement> UploadAsync(string name, string content, string format = "csv")
    {
        using var response = await _admin.PostAsync($"/api/v1/datasets?name={name}&format={format}", new StringContent(content, Encoding.UTF8, "text/plain"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> EvaluateAsync(object request)
    {
        using var response = await _admin.PostAsJsonAsync("/api/v1/evaluations", request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private static double Metric(JsonElement result, string key) =>
        result.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("key").GetString() == key).GetProperty("value").GetDouble();

    [Fact]
    public async Task Datasets_are_versioned_by_content()
    {
        var v1 = await UploadAsync("bc-eval", _csv);
        Assert.Equal((1, 40, 33), (v1.GetProperty("version").GetInt32(), v1.GetProperty("rows").GetInt32(), v1.GetProperty("columns").GetArrayLength()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(_csv))), v1.GetProperty("digest").GetString());
        Assert.Equal(1, (await UploadAsync("bc-eval", _csv)).GetProperty("version").GetInt32());
        Assert.Equal(2, (await UploadAsync("bc-eval", _csv + string.Join(',', Enumerable.Repeat("0", 30)) + ",0,north,a\n")).GetProperty("version").GetInt32());
        var jsonl = await UploadAsync("tiny", "{\"text\": \"a b\", \"label\": 1}\n{\"text\": \"c\", \"label\": null}\n", "jsonl");
        Assert.Equal(["text", "label"], jsonl.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var list = JsonDocument.Parse(await _admin.GetStringAsync("/api/v1/datasets")).RootElement;
        Assert.Equal(3, list.GetArrayLength());

        // From a run's artifact: the same bytes are the same version.
        var run = await _scene.RunWithFilesAsync("admin", new Dictionary<string, string>(), ("data/bc.csv", Encoding.UTF8.GetBytes(_csv)));
        using (var fromRun = await _admin.PostAsync($"/api/v1/datasets?name=bc-eval&run_id={run}&path=data/bc.csv", null))
        {
            Assert.Equal(HttpStatusCode.Created, fromRun.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await fromRun.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());
        }

        using (var missingArtifact = await _admin.PostAsync($"/api/v1/datasets?name=bc-eval&run_id={run}&path=data/none.csv", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missingArtifact.StatusCode);
        }

        using var bad = await _admin.PostAsync("/api/v1/datasets?name=broken&format=csv", new StringContent("a,b\n1,2,3\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("line 2 has 3 fields", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await _admin.GetAsync("/api/v1/datasets/broken");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_registry_version_is_evaluated_with_intervals_slices_and_fairness_and_the_gate_reads_it()
    {
        await UploadAsync("bc-eval", _csv);
        var (status, result) = await EvaluateAsync(new
        {
            dataset = "bc-eval", task = "classification", label_column = "label", feature_columns = Enumerable.Range(0, 30).Select(i => "f" + i).ToArray(),
            model = "breast-cancer", version = 1, metrics = new object[] { "accuracy", "f1", "roc_auc" }, slice_by = new[] { "region" },
            sensitive_attribute = "group", bootstrap = new { samples = 300, seed = 7 },
        });
        Assert.True(status == HttpStatusCode.Created, result.ToString());

        // By hand: the model agrees with scikit-learn everywhere, so it is wrong exactly on the five flipped rows.
        Assert.Equal(35 / 40.0, Metric(result, "accuracy"), 12);
        var acc = result.GetProperty("metrics")[0];
        Assert.InRange(acc.GetProperty("ci_low").GetDouble(), 0.7, 35 / 40.0);
        Assert.InRange(acc.GetProperty("ci_high").GetDouble(), 35 / 40.0, 1.0);
        Assert.Equal(300, acc.GetProperty("ci_samples").GetInt32());
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < 40; i++)
        {
            tp += _sk[i] == 1 && _truth[i] == 1 ? 1 : 0;
            fp += _sk[i] == 1 && _truth[i] == 0 ? 1 : 0;
            fn += _sk[i] == 0 && _truth[i] == 1 ? 1 : 0;
        }

        Assert.Equal(2.0 * tp / ((2 * tp) + fp + fn), Metric(result, "f1"), 12);

        var regions = result.GetProperty("slices")[0].GetProperty("values");
        Assert.Equal(["north", "south"], regions.EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        for (var parity = 0; parity < 2; parity++)
        {
            var rows = Enumerable.Range(0, 40).Where(i => i % 2 == parity).ToList();
            var expected = rows.Count(i => _sk[i] == _truth[i]) / (double)rows.Count;
            Assert.Equal(expected, regions[parity].GetProperty("metrics").GetProperty("accuracy").GetDouble(), 12);
        }

        var fairness = result.GetProperty("fairness");
        double Rate(bool groupA) => Enumerable.Range(0, 40).Where(i => (i % 3 == 0) == groupA).Average(i => _sk[i] == 1 ? 1.0 : 0.0);
        Assert.Equal(Math.Abs(Rate(true) - Rate(false)), fairness.GetProperty("demographic_parity_difference").GetDouble(), 12);
        Assert.Equal(Math.Min(Rate(true), Rate(false)) / Math.Max(Rate(true), Rate(false)), fairness.GetProperty("disparate_impact_ratio").GetDouble(), 12);

        // Stored: the run, its result and predictions; and the registry's evaluation gate reads the linked run.
        var runId = result.GetProperty("run_id").GetString()!;

        // The scores are ONNX Runtime's float32 probabilities (scikit-learn's to 1e-6); ROC AUC is their Mann-Whitney count.
        var lines = (await _admin.GetStringAsync($"/api/v1/runs/{runId}/artifacts/predictions.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var scores = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("score").GetDouble()).ToArray();
        var sklearn = _expected.GetProperty("probabilities").EnumerateArray().Select(r => r[1].GetDouble()).ToArray();
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(sklearn[i], scores[i], 6));
        Assert.Equal(MannWhitneyAuc(scores), Metric(result, "roc_auc"), 12);
        var stored = JsonDocument.Parse(await _admin.GetStringAsync($"/api/v1/evaluations/{runId}")).RootElement;
        Assert.Equal(35 / 40.0, Metric(stored, "accuracy"), 12);
        var run = JsonDocument.Parse(await _admin.GetStringAsync($"/api/v1/runs/{runId}")).RootElement;
        Assert.Contains("accuracy.ci_low", run.ToString(), StringComparison.Ordinal);
        Assert.Contains("slice/region:north/accuracy", run.ToString(), StringComparison.Ordinal);
        await (await _admin.PutJson("/api/v1/registry/policy", new RegistryPolicyDto(EvaluationGate: [new MetricThresholdDto("accuracy", ">=", 0.85)]))).Read<RegistryPolicyDto>();
        var promotion = await (await _admin.PostJson("/api/v1/models/breast-cancer/promotions", new PromotionRequestBody("champion", 1))).Read<PromotionDto>();
        var gate = Assert.Single(promotion.Requirements, r => r.Kind == "evaluation_gate");
        Assert.True(gate.Met, gate.Detail);
        Assert.Contains(runId, gate.Detail, StringComparison.Ordinal);

        // The deployment of the same version and the dataset's own column give the same figure.
        var (_, viaDeployment) = await EvaluateAsync(new
        {
            dataset = "bc-eval", task = "classification", label_column = "label", feature_columns = Enumerable.Range(0, 30).Select(i => "f" + i).ToArray(),
            deployment = "bc", metrics = new[] { "accuracy" }, bootstrap = new { samples = 0 },
        });
        Assert.Equal(35 / 40.0, Metric(viaDeployment, "accuracy"), 12);
        var (_, viaList) = await EvaluateAsync(new
        {
            dataset = "bc-eval", task = "classification", label_column = "label", predictions = _sk, metrics = new[] { "accuracy", "matthews_corrcoef" },
        });
        Assert.Equal(35 / 40.0, Metric(viaList, "accuracy"), 12);
    }

    [Fact]
    public async Task A_scoreboard_compares_candidates_with_the_baseline_row_by_row()
    {
        await UploadAsync("bc-eval", _csv);
        async Task<string> Run(int[] predictions) => (await EvaluateAsync(new
        {
            dataset = "bc-eval", task = "classification", label_column = "label", predictions, metrics = new[] { "accuracy" }, slice_by = new[] { "region" },
            bootstrap = new { samples = 0 },
        })).Body.GetProperty("run_id").GetString()!;

        var baseline = await Run(_sk);                                                         // wrong on rows 0-4
        var better = await Run(_truth.Select((t, i) => i is >= 10 and <= 12 ? 1 - t : t).ToArray()); // wrong on rows 10-12
        var northWorse = await Run(_truth.Select((t, i) => i is 20 or 22 or 24 or 26 ? 1 - t : t).ToArray());
        using var response = await _admin.PostAsJsonAsync("/api/v1/evaluations/compare", new { baseline, candidates = new[] { better, northWorse }, bootstrap = new { samples = 400, seed = 3 } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var board = JsonDocument.Parse(text).RootElement;
        var first = board.GetProperty("candidates")[0];
        var accuracy = first.GetProperty("metrics")[0];
        Assert.Equal((35 / 40.0, 37 / 40.0), (accuracy.GetProperty("baseline").GetDouble(), accuracy.GetProperty("candidate").GetDouble()));
        Assert.Equal(2 / 40.0, accuracy.GetProperty("delta").GetDouble(), 12);
        Assert.InRange(accuracy.GetProperty("p_value").GetDouble(), 0, 1);

        // McNemar by hand: the baseline alone is right on rows 10-12 (3), the candidate alone on rows 0-4 (5);
        // exact two-sided p = 2 · P(X ≤ 3), X ~ Binomial(8, ½) = 2 · (1 + 8 + 28 + 56) / 256.
        var mcnemar = first.GetProperty("mcnemar");
        Assert.Equal((3, 5), (mcnemar.GetProperty("baseline_only_correct").GetInt32(), mcnemar.GetProperty("candidate_only_correct").GetInt32()));
        Assert.Equal(2 * 93 / 256.0, mcnemar.GetProperty("p_value").GetDouble(), 12);
        Assert.Equal(0, first.GetProperty("slice_regressions").GetArrayLength());

        // North rows: the baseline is wrong on 0, 2, 4 (17/20 right), the second candidate on 20-26 (16/20).
        var regression = Assert.Single(board.GetProperty("candidates")[1].GetProperty("slice_regressions").EnumerateArray());
        Assert.Equal(("region", "north", 17 / 20.0, 16 / 20.0), (regression.GetProperty("column").GetString(), regression.GetProperty("value").GetString(),
            regression.GetProperty("baseline").GetDouble(), regression.GetProperty("candidate").GetDouble()));

        using var markdown = await _admin.PostAsJsonAsync("/api/v1/evaluations/compare?format=markdown", new { baseline, candidates = new[] { northWorse }, bootstrap = new { samples = 50 } });
        var report = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("| region = north | 20 | accuracy | 0.85 | 0.8 | -0.05 |", report, StringComparison.Ordinal);
        using var html = await _admin.PostAsJsonAsync("/api/v1/evaluations/compare?format=html", new { baseline, candidates = new[] { northWorse }, bootstrap = new { samples = 0 } });
        Assert.Contains("<table>", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_uploads_evaluates_compares_and_reports()
    {
        var dir = Directory.CreateTempSubdirectory("cairn-eval-cli-").FullName;
        try
        {
            Task<(int Code, string Out, string Err)> Cli(params string[] args) =>
                CliRunner.RunAsync([.. args, "--url", _scene.Host.BaseUrl.ToString(), "--key", _scene.Keys["dana"]]);
            var csv = Path.Combine(dir, "bc.csv");
            await File.WriteAllTextAsync(csv, _csv);
            var (code, output, error) = await Cli("datasets", "upload", csv, "--name", "bc-cli");
            Assert.True(code == 0, error);
            Assert.Contains("bc-cli version 1: 40 rows", output, StringComparison.Ordinal);
            var predictions = Path.Combine(dir, "sk.txt");
            await File.WriteAllLinesAsync(predictions, _sk.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            (code, output, error) = await Cli("eval", "run", "--dataset", "bc-cli", "--task", "classification", "--label-column", "label",
                "--predictions", predictions, "--metric", "accuracy", "f1", "--slice-by", "region", "--bootstrap-samples", "100", "--json");
            Assert.True(code == 0, error);
            var baseline = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("run_id").GetString()!;
            string[] modelRun = ["eval", "run", "--dataset", "bc-cli", "--task", "classification", "--label-column", "label", "--model", "breast-cancer", "--version", "1",
                "--feature-column", .. Enumerable.Range(0, 30).Select(i => "f" + i), "--metric", "accuracy", "f1", "--slice-by", "region"];
            (code, output, error) = await Cli(modelRun);
            Assert.True(code == 0, error);
            Assert.Contains("accuracy", output, StringComparison.Ordinal);
            var candidate = output.Split(' ', '\n')[1].TrimEnd(':');
            var report = Path.Combine(dir, "scoreboard.md");
            (code, _, error) = await Cli("eval", "compare", baseline, candidate, "--bootstrap-samples", "50", "-o", report);
            Assert.True(code == 0, error);
            Assert.Contains("# Scoreboard: bc-cli version 1", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
            (code, output, error) = await Cli("eval", "report", candidate);
            Assert.True(code == 0, error);
            Assert.Contains("| accuracy | 0.875 |", output, StringComparison.Ordinal);
            Assert.Contains("## By region", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"nope","predictions_column":"label"}""", "label_column")]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"label"}""", "predictions")]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"label","predictions_column":"label","deployment":"bc"}""", "predictions")]
    [InlineData("""{"dataset":"bc-eval","task":"forecast","label_column":"label","predictions_column":"label"}""", "task")]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"label","predictions_column":"label","metrics":["bleu"]}""", "metrics[0].name")]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"label","predictions":[1,0]}""", "predictions")]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"label","predictions_column":"label","slice_by":["nope"]}""", "slice_by")]
    [InlineData("""{"dataset":"nothing","task":"classification","label_column":"label","predictions_column":"label"}""", "nothing")]
    [InlineData("""{"dataset":"bc-eval","task":"classification","label_column":"label","predictions_column":"label","bootstrap":{"samples":-1}}""", "bootstrap.samples")]
    public async Task Bad_requests_name_the_field(string body, string field)
    {
        await UploadAsync("bc-eval", _csv);
        using var response = await _admin.PostAsync("/api/v1/evaluations", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, text);
        Assert.Contains(field, text, StringComparison.Ordinal);
    }

    // ROC AUC from its definition: the share of (positive, negative) pairs the scores rank right, ties counting half.
    private double MannWhitneyAuc(double[] p)
    {
        double pairs = 0, right = 0;
        for (var i = 0; i < 40; i++)
        {
            for (var j = 0; j < 40; j++)
            {
                if (_truth[i] == 1 && _truth[j] == 0)
                {
                    pairs++;
                    right += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }

        return right / pairs;
    }
}

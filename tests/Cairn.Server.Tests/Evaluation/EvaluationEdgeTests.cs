using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Evaluation;

/// <summary>Awkward but legal requests get an answer, mistakes a 4xx naming the field, and no run is left half-written.</summary>
public sealed class EvaluationEdgeTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _admin = _scene.Http("admin");
        using var upload = await _admin.PostAsync("/api/v1/datasets?name=gaps&format=csv", new StringContent("label,region,group\n1,,a\n0,north,b\n1,north,a\n0,,b\n"));
        upload.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _scene.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> EvaluateAsync(object request)
    {
        using var response = await _admin.PostAsJsonAsync("/api/v1/evaluations", request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task A_missing_slice_value_and_a_metric_without_a_number_are_recorded()
    {
        var (status, result) = await EvaluateAsync(new
        {
            dataset = "gaps", task = "classification", label_column = "label", predictions = new[] { 1, 0, 0, 0 },
            metrics = new[] { "accuracy", "confusion_matrix" }, slice_by = new[] { "region" }, bootstrap = new { samples = 20 },
        });
        Assert.True(status == HttpStatusCode.Created, result.ToString());
        var matrix = result.GetProperty("metrics")[1];
        Assert.Equal(JsonValueKind.Null, matrix.GetProperty("value").ValueKind);
        Assert.Equal("[[2,0],[1,1]]", matrix.GetProperty("matrix").GetRawText());
        Assert.Equal(["", "north"], result.GetProperty("slices")[0].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Mistakes_are_4xx_and_leave_no_run()
    {
        var (status, body) = await EvaluateAsync(new
        {
            dataset = "gaps", task = "classification", label_column = "label", predictions = new[] { 1, 0, 0, 0 }, sensitive_attribute = "group", positive_label = "yes",
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("positive_label", body.ToString(), StringComparison.Ordinal);
        (status, body) = await EvaluateAsync(new
        {
            dataset = "gaps", task = "classification", label_column = "label", predictions = new[] { 1, 0, 0, 0 }, metrics = new object[] { new { name = "accuracy", key = "a!" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("metrics[0].key", body.ToString(), StringComparison.Ordinal);

        // Refused before anything was recorded: not even the evaluations experiment exists.
        using var experiment = await _admin.GetAsync("/api/2.0/mlflow/experiments/get-by-name?experiment_name=evaluations");
        Assert.Equal(HttpStatusCode.NotFound, experiment.StatusCode);
    }

    [Fact]
    public async Task A_result_replaced_by_hand_is_refused_and_thresholds_must_be_finite()
    {
        var (_, result) = await EvaluateAsync(new { dataset = "gaps", task = "classification", label_column = "label", predictions = new[] { 1, 0, 0, 0 }, bootstrap = new { samples = 0 } });
        var runId = result.GetProperty("run_id").GetString()!;
        var compare = "{\"baseline\":\"" + runId + "\",\"candidates\":[\"" + runId + "\"],\"regression_threshold\":1e400}";
        using (var threshold = await _admin.PostAsync("/api/v1/evaluations/compare", new StringContent(compare, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, threshold.StatusCode);
        }

        using (var tampered = new StringContent("[1]"))
        {
            (await _admin.PutAsync($"/api/v1/runs/{runId}/artifacts/evaluation.json", tampered)).EnsureSuccessStatusCode();
        }

        using var read = await _admin.GetAsync($"/api/v1/evaluations/{runId}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, read.StatusCode);
    }
}

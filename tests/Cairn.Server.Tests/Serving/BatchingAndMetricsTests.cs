using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary>
/// Dynamic batching hands every caller its own rows (scikit-learn's labels for the rows it sent, in order) while
/// stacking requests into fewer runs; inference metrics and spans count what the test sent.
/// </summary>
public sealed class BatchingAndMetricsTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;

    public async ValueTask InitializeAsync() => _scene = await RegistryScene.StartAsync();

    public async ValueTask DisposeAsync() => await _scene.DisposeAsync();

    [Fact]
    public async Task DynamicBatching_StacksConcurrentRequests_AndEachCallerGetsItsOwnRowsInOrder()
    {
        var deployment = await ServingScene.DeployAsync(
            _scene, "mlp-batched", "digits", ServingScene.Model("digits_mlp.onnx"), new { max_batch_size = 64, max_queue_delay_ms = 25 });
        Assert.True(deployment.Ready, deployment.Problem);
        Assert.True(deployment.Batching);
        var expected = ServingScene.Expected("digits_mlp");
        var rows = expected.GetProperty("inputs").EnumerateArray().ToList();
        var labels = expected.GetProperty("labels").EnumerateArray().Select(l => l.GetInt64()).ToList();

        // 48 concurrent requests of 1–3 rows each, taken from different places in the recorded set.
        using var http = _scene.Http("dana");
        var requests = Enumerable.Range(0, 48).Select(i => (Start: i * 7 % (rows.Count - 3), Count: 1 + (i % 3))).ToList();
        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            var data = rows.Skip(r.Start).Take(r.Count).SelectMany(row => row.EnumerateArray().Select(v => v.GetSingle())).ToArray();
            var body = new { inputs = new[] { new { name = "input", shape = new[] { r.Count, 64 }, datatype = "FP32", data } }, outputs = new[] { new { name = "label" } } };
            using var response = await http.PostAsJsonAsync("/v2/models/mlp-batched/infer", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            var output = JsonDocument.Parse(text).RootElement.GetProperty("outputs")[0];
            Assert.Equal($"[{r.Count}]", output.GetProperty("shape").GetRawText());
            return output.GetProperty("data").EnumerateArray().Select(v => v.GetInt64()).ToList();
        }));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(labels.Skip(requests[i].Start).Take(requests[i].Count), answers[i]);
        }

        // Every row ran exactly once, in fewer runs than there were requests.
        var metrics = await MetricsAsync();
        var runs = Value(metrics, "cairn_inference_batch_size_count{", "deployment=\"mlp-batched\"");
        var stacked = Value(metrics, "cairn_inference_batch_size_sum{", "deployment=\"mlp-batched\"");
        Assert.Equal(requests.Sum(r => r.Count), stacked);
        Assert.True(runs < requests.Count, $"{runs} runs for {requests.Count} requests: nothing was batched");
    }

    [Fact]
    public async Task DynamicBatching_IsOff_ForAModelWithoutABatchDimension()
    {
        var deployment = await ServingScene.DeployAsync(
            _scene, "fixed", "fixed-shape", ServingScene.Model("slow_chain.onnx"), new { max_batch_size = 16 });
        Assert.True(deployment.Ready, deployment.Problem);
        Assert.False(deployment.Batching);
    }

    [Fact]
    public async Task Metrics_CountRequestsBytesErrorsAndRuns_AndEveryInferenceHasASpan()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Cairn.Serving",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("cairn.deployment"), "bc-metrics"))
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await ServingScene.DeployAsync(_scene, "bc-metrics", "breast-cancer", ServingScene.Model("breast_cancer_logreg.onnx"));
        var row = ServingScene.Expected("breast_cancer_logreg").GetProperty("inputs")[0].GetRawText();
        var good = $$"""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":{{row}}}]}""";
        const string bad = """{"inputs":[{"name":"input","shape":[1,29],"datatype":"FP32","data":[1]}]}""";
        var mlflow = $$"""{"inputs":[{{row}}]}""";
        using var http = _scene.Http("dana");
        long sent = 0;
        foreach (var (path, body, status) in new[]
        {
            ("/v2/models/bc-metrics/infer", good, HttpStatusCode.OK), ("/v2/models/bc-metrics/infer", good, HttpStatusCode.OK),
            ("/v2/models/bc-metrics/infer", bad, HttpStatusCode.BadRequest), ("/serve/bc-metrics/invocations", mlflow, HttpStatusCode.OK),
        })
        {
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(status, response.StatusCode);
            sent += Encoding.UTF8.GetByteCount(body);
        }

        var text = await MetricsAsync();
        Assert.Equal(2, Value(text, "cairn_inference_duration_seconds_count{", "deployment=\"bc-metrics\"", "protocol=\"v2\"", "outcome=\"ok\""));
        Assert.Equal(1, Value(text, "cairn_inference_duration_seconds_count{", "deployment=\"bc-metrics\"", "protocol=\"v2\"", "outcome=\"invalid\""));
        Assert.Equal(1, Value(text, "cairn_inference_duration_seconds_count{", "deployment=\"bc-metrics\"", "protocol=\"mlflow\"", "outcome=\"ok\""));
        Assert.Equal(1, Value(text, "cairn_inference_errors_total{", "deployment=\"bc-metrics\"", "kind=\"invalid\"", "version=\"1\""));
        Assert.Equal(sent, Value(text, "cairn_inference_request_size_bytes_sum{", "deployment=\"bc-metrics\""));
        Assert.Equal(3, Value(text, "cairn_inference_batch_size_count{", "deployment=\"bc-metrics\""));
        Assert.Equal(0, Value(text, "cairn_inference_queue_depth{", "deployment=\"bc-metrics\""));
        Assert.True(Value(text, "cairn_inference_response_size_bytes_sum{", "deployment=\"bc-metrics\"") > 0);

        Assert.Equal(4, spans.Count);
        Assert.Single(spans, s => Equals(s.GetTagItem("cairn.outcome"), "invalid") && s.Status == ActivityStatusCode.Error);
        Assert.All(spans, s => Assert.Equal(1L, s.GetTagItem("cairn.model.version")));

        // Predictions are left out of the audit log; the deployment that serves them is in it.
        using (var admin = _scene.Host.Client(_scene.Host.AdminKey))
        {
            Assert.Contains("bc-metrics", await admin.GetStringAsync("/api/v1/audit/events?action=CreateDeployment"), StringComparison.Ordinal);
            Assert.DoesNotContain("bc-metrics", await admin.GetStringAsync("/api/v1/audit/events?action=V2Infer"), StringComparison.Ordinal);
            Assert.DoesNotContain("bc-metrics", await admin.GetStringAsync("/api/v1/audit/events?action=MlflowInvocations"), StringComparison.Ordinal);
        }

        // The deployment's own view: requests, errors and latency percentiles since load.
        using var client = _scene.Client("dana");
        var listed = await http.GetFromJsonAsync<DeploymentDto>("/api/v1/deployments/bc-metrics", CairnJson.Options);
        Assert.Equal((4L, 1L), (listed!.Requests, listed.Errors));
        Assert.True(listed.LatencyP50Ms > 0 && listed.LatencyP99Ms >= listed.LatencyP50Ms);
    }

    private async Task<string> MetricsAsync()
    {
        using var admin = _scene.Host.Client(_scene.Host.AdminKey);
        return await admin.GetStringAsync("/metrics");
    }

    private static double Value(string text, params string[] parts)
    {
        var line = text.Split('\n').FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)))
            ?? throw new Xunit.Sdk.XunitException($"no metric line with {string.Join(" ", parts)}:\n{text}");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}

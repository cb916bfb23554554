using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Evaluation;

/// <summary>
/// <c>POST /api/v1/metrics/compute</c> over HTTP: reference cases recorded from sacreBLEU, rouge-score, jiwer and
/// scikit-learn come back equal; bad input is a 400 naming the field; the route needs a key, and stays out of the audit log.
/// </summary>
public sealed class MetricsApiTests : IAsyncLifetime
{
    private static readonly JsonElement Reference =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "reference-values.json"))).RootElement;

    private RegistryScene _scene = null!;
    private HttpClient _viewer = null!;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _viewer = _scene.Http("vic");
    }

    public async ValueTask DisposeAsync()
    {
        _viewer.Dispose();
        await _scene.DisposeAsync();
    }

    [Theory]
    [InlineData("bleu/corpus/nasty-1ref/13a")]
    [InlineData("ter/realistic-200-1ref/normalized-nopunct-cs")]
    [InlineData("rouge/nasty-1ref/stem0")]
    [InlineData("cer/pair-00")]
    [InlineData("roc_auc/binary/hand-ties")]
    [InlineData("confusion_matrix/bin-small")]
    public async Task A_viewer_key_gets_the_reference_numbers(string id)
    {
        var c = Reference.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("id").GetString() == id);
        var body = new JsonObject { ["metric"] = c.GetProperty("metric").GetString(), ["options"] = JsonNode.Parse(c.GetProperty("options").GetRawText()) };
        foreach (var p in c.GetProperty("inputs").EnumerateObject())
        {
            body[p.Name] = JsonNode.Parse(p.Value.GetRawText());
        }

        using var response = await Post(_viewer, body.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var actual = JsonDocument.Parse(text).RootElement;
        foreach (var field in c.GetProperty("expected").EnumerateObject())
        {
            Assert.True(actual.TryGetProperty(field.Name, out var got), $"no '{field.Name}' in {text}");
            Assert.Equal(Normalize(field.Value), Normalize(got));
        }
    }

    [Theory]
    [InlineData("""{"metric":"bleu","predictions":["a b"],"references":[["a b"],["c"]]}""", "references")]
    [InlineData("""{"metric":"bleu","predictions":[],"references":[]}""", "predictions")]
    [InlineData("""{"metric":"blue","predictions":["a"],"references":["a"]}""", "metric")]
    [InlineData("""{"metric":"bleu","options":{"tokenise":"intl"},"predictions":["a"],"references":["a"]}""", "options.tokenise")]
    [InlineData("""{"metric":"roc_auc","labels":[1,1,1],"scores":[0.2,0.4,0.9]}""", "labels")]
    [InlineData("""{"metric":"f1","labels":[0,1,2],"predictions":[0,1,1]}""", "options.average")]
    [InlineData("""{"metric":"precision","options":{"pos_label":7},"labels":[0,1],"predictions":[0,1]}""", "options.pos_label")]
    [InlineData("""{"metric":"log_loss","labels":[0,1],"scores":[0.5]}""", "scores")]
    [InlineData("""{"metric":"mae","labels":[1,2],"predictions":[1,"x"]}""", "predictions[1]")]
    [InlineData("""{"metric":"perplexity","log_probs":[[-1.0],[]]}""", "log_probs[1]")]
    [InlineData("""{"metric":"wer","predictions":["a"],"references":[["a","b"]]}""", "references[0]")]
    [InlineData("""{"metric":"bleu","predictions":["a"],"references":[[null]]}""", "references[0][0]")]
    [InlineData("""{"metric":"bleu","predictions":[NaN],"references":["a"]}""", "body")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await Post(_viewer, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Contains(field + ":", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_undefined_for_the_input_says_why()
    {
        using var response = await Post(_viewer, """{"metric":"roc_auc","labels":[0,0,0],"scores":[0.1,0.5,0.7]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("only one class present", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_route_needs_a_key_and_is_not_audited_and_lists_the_library()
    {
        using var anonymous = new HttpClient { BaseAddress = _scene.Host.BaseUrl };
        using (var r = await Post(anonymous, """{"metric":"accuracy","labels":[1],"predictions":[1]}"""))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }

        using (var r = await Post(_viewer, """{"metric":"accuracy","labels":[1,0,1,1],"predictions":[1,0,0,1]}"""))
        {
            Assert.Equal(0.75, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("score").GetDouble());
        }

        var list = JsonDocument.Parse(await _viewer.GetStringAsync("/api/v1/metrics")).RootElement;
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("name").GetString() == "chrf");
        using var admin = _scene.Http("admin");
        Assert.DoesNotContain("ComputeMetric", await admin.GetStringAsync("/api/v1/audit/events?action=ComputeMetric"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_declared_over_64_MiB_is_a_413_before_it_is_read()
    {
        // Only the headers are sent: the answer must come from the declared length, without reading 64 MiB.
        Assert.StartsWith("HTTP/1.1 413", await ApiCalls.DeclaredLengthStatusAsync(_scene.Host.BaseUrl, _scene.Keys["vic"], "/api/v1/metrics/compute", (64L << 20) + 1), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string json) =>
        http.PostAsync("/api/v1/metrics/compute", new StringContent(json, Encoding.UTF8, "application/json"));

    // Numbers compared to 12 significant digits (the recorded values are the references' own floats).
    private static string Normalize(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble().ToString("G12", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Normalize)) + "]",
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Normalize(p.Value))) + "}",
        _ => e.ToString(),
    };
}

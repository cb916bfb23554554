using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary>
/// Real scikit-learn models served end to end through both protocols. Expected labels and probabilities
/// are scikit-learn's own (recorded by models/generate.py).
/// </summary>
public sealed class InferenceTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;
    private HttpClient _http = null!;
    private JsonElement _expected;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _http = _scene.Http("dana");
        _expected = ServingScene.Expected("breast_cancer_logreg");
        var deployment = await ServingScene.DeployAsync(_scene, "bc", "breast-cancer", ServingScene.Model("breast_cancer_logreg.onnx"), new { max_rows = 50, max_body_bytes = 200_000 });
        Assert.True(deployment.Ready, deployment.Problem);
        Assert.Equal(["input"], deployment.Inputs.Select(i => i.Name));
        Assert.Equal([-1L, 30], deployment.Inputs[0].Shape);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _scene.DisposeAsync();
    }

    [Fact]
    public async Task V2_MetadataAndReadiness()
    {
        using var live = await new HttpClient { BaseAddress = _scene.Host.BaseUrl }.GetAsync("/v2/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var meta = await Json(await _http.GetAsync("/v2/models/bc"), HttpStatusCode.OK);
        Assert.Equal("bc", meta.GetProperty("name").GetString());
        Assert.Equal("1", meta.GetProperty("versions")[0].GetString());
        Assert.Equal("onnxruntime_onnx", meta.GetProperty("platform").GetString());
        var input = meta.GetProperty("inputs")[0];
        Assert.Equal(("input", "FP32", "[-1,30]"), (input.GetProperty("name").GetString(), input.GetProperty("datatype").GetString(), input.GetProperty("shape").GetRawText()));
        Assert.Equal(["label", "probabilities"], meta.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.True((await Json(await _http.GetAsync("/v2/models/bc/versions/1/ready"), HttpStatusCode.OK)).GetProperty("ready").GetBoolean());
        await Json(await _http.GetAsync("/v2/models/bc/versions/2"), HttpStatusCode.NotFound);
        await Json(await _http.GetAsync("/v2/models/nope"), HttpStatusCode.NotFound);
        using var anonymous = new HttpClient { BaseAddress = _scene.Host.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v2/models/bc/infer", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task V2_Infer_ReturnsScikitLearnsPredictions_EchoesTheId_AndSelectsOutputs()
    {
        var rows = _expected.GetProperty("inputs");
        var body = new { id = "req-42", inputs = new[] { new { name = "input", shape = new[] { rows.GetArrayLength(), 30 }, datatype = "FP32", data = rows } } };
        var answer = await Json(await _http.PostAsJsonAsync("/v2/models/bc/infer", body), HttpStatusCode.OK);
        Assert.Equal("req-42", answer.GetProperty("id").GetString());
        Assert.Equal("bc", answer.GetProperty("model_name").GetString());
        Assert.Equal("1", answer.GetProperty("model_version").GetString());
        var label = answer.GetProperty("outputs")[0];
        Assert.Equal(("label", "INT64"), (label.GetProperty("name").GetString(), label.GetProperty("datatype").GetString()));
        Assert.Equal(_expected.GetProperty("labels").EnumerateArray().Select(v => v.GetInt64()), label.GetProperty("data").EnumerateArray().Select(v => v.GetInt64()));
        var probabilities = answer.GetProperty("outputs")[1].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = _expected.GetProperty("probabilities").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        Assert.Equal(expected.Length, probabilities.Length);
        Assert.All(expected.Zip(probabilities), p => Assert.Equal(p.First, p.Second, 1e-5));

        var selected = await Json(await _http.PostAsJsonAsync("/v2/models/bc/versions/1/infer", new
        {
            inputs = new[] { new { name = "input", shape = new[] { 1, 30 }, datatype = "FP32", data = rows[0] } },
            outputs = new[] { new { name = "probabilities" } },
        }), HttpStatusCode.OK);
        Assert.Equal("probabilities", Assert.Single(selected.GetProperty("outputs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("[1,2]", selected.GetProperty("outputs")[0].GetProperty("shape").GetRawText());
    }

    [Fact]
    public async Task MlflowInvocations_EveryFormat_MapsNamedColumnsOntoTheInput()
    {
        var features = _expected.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray();
        var rows = _expected.GetProperty("inputs").EnumerateArray().Take(5).Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var labels = _expected.GetProperty("labels").EnumerateArray().Take(5).Select(v => v.GetInt64()).ToArray();

        // Columns in reverse order: the model's feature_names put them back.
        var reversed = features.Reverse().ToArray();
        var split = new { dataframe_split = new { columns = reversed, data = rows.Select(r => r.Reverse().ToArray()) } };
        Assert.Equal(labels, Labels(await Json(await _http.PostAsJsonAsync("/serve/bc/invocations", split), HttpStatusCode.OK)));

        var records = new { dataframe_records = rows.Select(r => features.Select((f, i) => (f, r[i])).ToDictionary(p => p.f, p => p.Item2)) };
        Assert.Equal(labels, Labels(await Json(await _http.PostAsJsonAsync("/serve/bc/invocations", records), HttpStatusCode.OK)));
        Assert.Equal(labels, Labels(await Json(await _http.PostAsJsonAsync("/serve/bc/invocations", new { instances = rows }), HttpStatusCode.OK)));
        Assert.Equal(labels, Labels(await Json(await _http.PostAsJsonAsync("/serve/bc/invocations", new { inputs = rows }), HttpStatusCode.OK)));

        var unknown = await Json(await _http.PostAsJsonAsync("/serve/bc/invocations", new { dataframe_split = new { columns = features[..29].Append("bogus"), data = rows } }), HttpStatusCode.BadRequest);
        Assert.Contains("unknown columns: bogus", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains($"missing columns: {features[29]}", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
        await Json(await _http.PostAsJsonAsync("/serve/bc/invocations", new { rows }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MlflowInvocations_TakeCsvWithAHeaderRow()
    {
        var features = _expected.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToArray();
        var rows = _expected.GetProperty("inputs").EnumerateArray().Take(4).Select(r => r.EnumerateArray().Select(v => v.GetRawText()).ToArray()).ToArray();
        var labels = _expected.GetProperty("labels").EnumerateArray().Take(4).Select(v => v.GetInt64()).ToArray();

        // Header names quoted as a spreadsheet writes them (some hold spaces), CRLF line ends.
        var csv = string.Join("\r\n", rows.Select(r => string.Join(",", r)).Prepend(string.Join(",", features.Select(f => $"\"{f}\"")))) + "\r\n";
        var answer = await Json(await _http.PostAsync("/serve/bc/invocations", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal(labels, Labels(answer));

        var ragged = await Json(await _http.PostAsync("/serve/bc/invocations", new StringContent("a,b\n1\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        Assert.Equal("body: CSV line 2 has 1 fields; the header has 2", ragged.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,30],"datatype":"INT64","data":[0]}]}""", "inputs[0].datatype: input 'input' takes FP32, not INT64")]
    [InlineData("""{"inputs":[{"name":"input","shape":[30],"datatype":"FP32","data":[0]}]}""", "inputs[0]: input 'input' has rank 2 (FP32[batch, 30])")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,29],"datatype":"FP32","data":[0]}]}""", "needs dimension 1 to be 30")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":[1,2,3]}]}""", "holds 30 elements but the data has 3")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1,30],"datatype":"FP32","data":[0]}]}""", "inputs[0].name: 'x' is not an input of the model")]
    [InlineData("""{"inputs":[]}""", "inputs: must be a non-empty array")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":["a",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}""", "takes FP32 (numbers)")]
    [InlineData("""{"inputs":[{"name":"input","shape":[51,30],"datatype":"FP32","data":[0]}]}""", "51 rows exceed this deployment's limit of 50")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}],"outputs":[{"name":"nope"}]}""", "outputs[0].name: 'nope' is not an output")]
    [InlineData("""{"inputs": [""", "body: is not valid JSON")]
    public async Task V2_BadInput_Is400NamingTheFieldAndTheRule(string body, string says)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var error = await Json(await _http.PostAsync("/v2/models/bc/infer", content), HttpStatusCode.BadRequest);
        Assert.Contains(says, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2_NaN_IsRefusedByDefault_AndOversizedBodiesAre413()
    {
        var data = Enumerable.Repeat("1", 29).Append("\"NaN\"");
        using var nan = new StringContent($$"""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":[{{string.Join(",", data)}}]}]}""", Encoding.UTF8, "application/json");
        var error = await Json(await _http.PostAsync("/v2/models/bc/infer", nan), HttpStatusCode.BadRequest);
        Assert.Contains("NaN policy (reject)", error.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var big = new StringContent($$"""{"inputs":[{"name":"input","shape":[1,30],"datatype":"FP32","data":[{{new string('1', 250_000)}}]}]}""", Encoding.UTF8, "application/json");
        await Json(await _http.PostAsync("/v2/models/bc/infer", big), HttpStatusCode.RequestEntityTooLarge);
    }

    private static long[] Labels(JsonElement answer) =>
        answer.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetInt64()).ToArray();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

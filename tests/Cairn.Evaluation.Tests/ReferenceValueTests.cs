using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Xunit;

namespace Cairn.Evaluation.Tests;

/// <summary>
/// Every case of <c>reference/reference-values.json</c>, which <c>reference/generate_reference.py</c> recorded by
/// running scikit-learn, sacreBLEU, rouge-score, jiwer and the SQuAD script (versions in the file): the catalog must
/// give the same numbers, field by field.
/// </summary>
public sealed class ReferenceValueTests
{
    private static readonly Lazy<JsonElement> File = new(() => Load("reference-values.json"));

    // Adversarial cases aimed at where a re-implementation is likeliest to drift (generate_extra.py, jiwer 4.0.0).
    private static readonly Lazy<JsonElement> Extra = new(() => Load("reference-values-extra.json"));

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", file))).RootElement;

    // jiwer 3 refuses an empty reference; jiwer 4, which Cairn follows, scores it (see ErrorRateTests).
    private static readonly HashSet<string> Jiwer3Only = ["wer/error/empty-reference", "wer/error/whitespace-only-reference"];

    public static TheoryData<string> Cases() => Ids(File.Value);

    public static TheoryData<string> ExtraCases() => Ids(Extra.Value);

    private static TheoryData<string> Ids(JsonElement file)
    {
        var data = new TheoryData<string>();
        foreach (var c in file.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Fact]
    public void The_file_names_the_reference_versions()
    {
        var v = File.Value.GetProperty("versions");
        Assert.Equal("2.6.0", v.GetProperty("sacrebleu").GetString());
        Assert.Equal("1.2.1", v.GetProperty("sklearn").GetString());
        Assert.True(File.Value.GetProperty("cases").GetArrayLength() > 300);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference(string id)
    {
        if (!Jiwer3Only.Contains(id))
        {
            Check(File.Value.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("id").GetString() == id));
        }
    }

    [Theory]
    [MemberData(nameof(ExtraCases))]
    public void Matches_the_reference_on_adversarial_input(string id) =>
        Check(Extra.Value.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("id").GetString() == id));

    private static void Check(JsonElement c)
    {
        var id = c.GetProperty("id").GetString();

        var request = new JsonObject { ["metric"] = c.GetProperty("metric").GetString(), ["options"] = JsonNode.Parse(c.GetProperty("options").GetRawText()) };
        foreach (var p in c.GetProperty("inputs").EnumerateObject())
        {
            request[p.Name] = JsonNode.Parse(p.Value.GetRawText());
        }

        var expected = c.GetProperty("expected");
        var body = JsonSerializer.SerializeToElement(request);
        if (expected.TryGetProperty("error", out _))
        {
            var ex = Assert.Throws<CairnException>(() => MetricCatalog.Compute(new MetricRequest(body)));
            Assert.Equal(ErrorKind.Invalid, ex.Kind);
            return;
        }

        var actual = JsonSerializer.SerializeToElement(MetricCatalog.Compute(new MetricRequest(body)));
        foreach (var field in expected.EnumerateObject())
        {
            Assert.True(actual.TryGetProperty(field.Name, out var got), $"{id}: the result has no field '{field.Name}': {actual}");
            Compare(field.Value, got, $"{id}.{field.Name}");
        }
    }

    internal static void Compare(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Number:
                Assert.True(actual.ValueKind == JsonValueKind.Number, $"{path}: expected {expected}, got {actual}");
                var e = expected.GetDouble();
                var a = actual.GetDouble();
                Assert.True(Math.Abs(e - a) <= 1e-12 * Math.Max(1, Math.Abs(e)), $"{path}: expected {e:R}, got {a:R}");
                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), actual.ValueKind == JsonValueKind.String ? actual.GetString() : actual.ToString());
                break;
            case JsonValueKind.Array:
                Assert.True(actual.ValueKind == JsonValueKind.Array, $"{path}: expected an array, got {actual}");
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}: {actual}");
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(p.Name, out var sub), $"{path}: no field '{p.Name}'");
                    Compare(p.Value, sub, $"{path}.{p.Name}");
                }

                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }
}

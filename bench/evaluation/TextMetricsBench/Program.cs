using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Evaluation.Numerics;
using Cairn.Evaluation.Text;

// Usage: TextMetricsBench CORPUS.jsonl [repeats]
// Each figure is the best of `repeats` timed runs after one untimed warm-up run (the JIT), on fresh inputs each time.
var path = args[0];
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var predictions = new List<string>();
var references = new List<string>();
foreach (var line in File.ReadLines(path))
{
    if (line.Length == 0)
    {
        continue;
    }

    var o = JsonDocument.Parse(line).RootElement;
    predictions.Add(o.GetProperty("prediction").GetString()!);
    references.Add(o.GetProperty("reference").GetString()!);
}

var refLists = references.Select(r => (IReadOnlyList<string>)[r]).ToArray();
string[] types = ["rouge1", "rouge2", "rougeL", "rougeLsum"];
var result = new JsonObject { ["corpus"] = Path.GetFileName(path), ["n_pairs"] = predictions.Count, ["cores"] = Environment.ProcessorCount };
var values = new JsonObject();

void Time(string name, Func<JsonNode> run)
{
    var value = run();
    var best = double.MaxValue;
    for (var i = 0; i < repeats; i++)
    {
        var sw = Stopwatch.StartNew();
        value = run();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }

    result[name] = best;
    values[name["cairn_".Length..^"_s".Length]] = value;
}

JsonObject RougeMeans(bool stem)
{
    var scores = Rouge.ScoreAll(predictions, refLists, types, stem);
    var means = new JsonObject();
    foreach (var t in types)
    {
        means[t] = NumpyMath.Mean(scores.Select(s => s[t].FMeasure).ToArray());
    }

    return means;
}

Time("cairn_bleu_s", () => Bleu.Corpus(predictions, refLists, new BleuOptions()).Score);
Time("cairn_chrf_s", () => ChrF.Corpus(predictions, refLists, new ChrFOptions()).Score);
Time("cairn_ter_s", () => Ter.Corpus(predictions, refLists, new TerOptions()).Score);
Time("cairn_rouge_s", () => RougeMeans(false));
Time("cairn_rouge_stem_s", () => RougeMeans(true));
Time("cairn_wer_s", () => ErrorRates.Words(predictions, references).Wer);
Time("cairn_cer_s", () => ErrorRates.Characters(predictions, references).Wer);
result["values"] = values;
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

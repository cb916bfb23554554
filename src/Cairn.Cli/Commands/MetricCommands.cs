using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Evaluation;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn metrics list|compute</c>: any metric of the library over files, computed locally by the same code as
/// <c>POST /api/v1/metrics/compute</c> — no server and no Python needed.
/// </summary>
public static class MetricCommands
{
    public static Command Metrics(CliContext cli)
    {
        var list = new Command("list", "List the metrics and the reference implementation each one reproduces");
        list.SetAction(parse => cli.Print(parse, MetricCatalog.All, ["METRIC", "KIND", "INPUTS", "REFERENCE"],
            all => all.Select(m => new[] { m.Name, m.Kind, m.Inputs, m.Reference })));
        return new Command("metrics", "Compute evaluation metrics equal to scikit-learn, sacreBLEU, rouge-score and jiwer") { list, Compute(cli) };
    }

    private static Command Compute(CliContext cli)
    {
        var metric = new Argument<string>("metric") { Description = "Metric name (see 'cairn metrics list')" };
        var predictions = new Option<FileInfo?>("--predictions", "-p") { Description = "Predictions: one per line (.txt), or a JSON array / JSON lines (.json, .jsonl)" };
        var references = new Option<FileInfo[]>("--references", "-r")
        {
            Description = "References, one per line, aligned with the predictions; repeat for several references per prediction (as sacreBLEU's -r)",
            AllowMultipleArgumentsPerToken = true,
        };
        var labels = new Option<FileInfo?>("--labels", "-l") { Description = "True labels or values, one per line" };
        var scores = new Option<FileInfo?>("--scores", "-s") { Description = "Scores: one per line, or comma-separated class probabilities per line" };
        var logProbs = new Option<FileInfo?>("--log-probs") { Description = "Token log-probabilities: one sequence per line, numbers separated by spaces" };
        var options = new Option<string[]>("--option", "-o") { Description = "A metric option as name=value (value parsed as JSON when it can be, e.g. tokenize=intl, lowercase=true, rouge_types=[\"rougeL\"])" };
        var request = new Option<FileInfo?>("--request") { Description = "A whole request body as POST /api/v1/metrics/compute takes it (JSON)" };
        var scoreOnly = new Option<bool>("--score-only") { Description = "Print only the score" };
        var compute = new Command("compute", "Compute one metric over files and print the result as JSON")
        {
            metric, predictions, references, labels, scores, logProbs, options, request, scoreOnly,
        };
        compute.SetAction(async (parse, ct) =>
        {
            try
            {
                JsonObject body;
                if (parse.GetValue(request) is { } file)
                {
                    body = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct))?.AsObject() ?? throw CairnException.Invalid("--request", "is not a JSON object");
                    body["metric"] = parse.GetValue(metric);
                }
                else
                {
                    body = new JsonObject { ["metric"] = parse.GetValue(metric), ["options"] = Options(parse.GetValue(options) ?? []) };
                    var text = MetricCatalog.All.FirstOrDefault(m => m.Name == parse.GetValue(metric))?.Kind == "text";
                    if (parse.GetValue(predictions) is { } p)
                    {
                        body["predictions"] = Lines(p, numbersIfAll: !text);
                    }

                    var refs = parse.GetValue(references) ?? [];
                    if (refs.Length > 0)
                    {
                        body["references"] = References(refs);
                    }

                    if (parse.GetValue(labels) is { } l)
                    {
                        body["labels"] = Lines(l, numbersIfAll: true);
                    }

                    if (parse.GetValue(scores) is { } s)
                    {
                        body["scores"] = Numbers(s, ',');
                    }

                    if (parse.GetValue(logProbs) is { } lp)
                    {
                        body["log_probs"] = Numbers(lp, ' ', alwaysRows: true);
                    }
                }

                var result = MetricCatalog.Compute(new MetricRequest(JsonSerializer.SerializeToElement(body)));
                await cli.Output.WriteLineAsync(parse.GetValue(scoreOnly)
                    ? result["score"]?.ToJsonString() ?? "null"
                    : result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is CairnException or IOException or JsonException)
            {
                await cli.Error.WriteLineAsync("cairn: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return compute;
    }

    private static JsonObject Options(string[] pairs)
    {
        var o = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw CairnException.Invalid("--option", $"'{pair}' is not name=value");
            }

            var value = pair[(eq + 1)..];
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                node = JsonValue.Create(value);
            }

            o[pair[..eq]] = node;
        }

        return o;
    }

    private static string[] ReadLines(FileInfo file)
    {
        var text = File.ReadAllText(file.FullName);
        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        return lines.Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
    }

    // .json: a JSON array; .jsonl: one JSON value per line; otherwise one text per line.
    private static JsonArray Lines(FileInfo file, bool numbersIfAll)
    {
        if (file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonNode.Parse(File.ReadAllText(file.FullName))?.AsArray() ?? throw CairnException.Invalid(file.Name, "is not a JSON array");
        }

        var lines = ReadLines(file);
        if (file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return new JsonArray(lines.Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)).ToArray());
        }

        var numeric = numbersIfAll && lines.Length > 0 && lines.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return new JsonArray(lines.Select(l => numeric ? JsonValue.Create(double.Parse(l, CultureInfo.InvariantCulture)) : (JsonNode)JsonValue.Create(l)).ToArray());
    }

    private static JsonArray References(FileInfo[] files)
    {
        var streams = files.Select(ReadLines).ToArray();
        var n = streams[0].Length;
        if (streams.Any(s => s.Length != n))
        {
            throw CairnException.Invalid("--references", "every reference file needs the same number of lines");
        }

        return new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode)new JsonArray(streams.Select(s => (JsonNode)JsonValue.Create(s[i])).ToArray())).ToArray());
    }

    private static JsonArray Numbers(FileInfo file, char separator, bool alwaysRows = false)
    {
        var rows = ReadLines(file).Select((line, i) =>
        {
            var parts = line.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw CairnException.Invalid($"{file.Name}:{i + 1}", $"'{p}' is not a number")).ToArray();
            return values;
        }).ToArray();
        var flat = !alwaysRows && rows.All(r => r.Length == 1);
        return new JsonArray(rows.Select(r => flat ? JsonValue.Create(r[0]) : (JsonNode)new JsonArray(r.Select(v => (JsonNode)JsonValue.Create(v)).ToArray())).ToArray());
    }
}

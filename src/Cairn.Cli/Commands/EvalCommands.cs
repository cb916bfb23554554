using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn datasets upload|list</c> and <c>cairn eval run|show|compare|report</c>.</summary>
public static class EvalCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Datasets(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv file with a header row, or a .jsonl file of flat JSON objects" };
        var name = new Option<string>("--name", "-n") { Description = "Dataset name (a new version each time the bytes differ)", Required = true };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the file extension)" };
        var description = new Option<string?>("--description") { Description = "Free text" };
        var upload = new Command("upload", "Upload a file as the next version of an evaluation dataset") { file, name, format, description };
        upload.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var path = parse.GetValue(file)!;
            var fmt = parse.GetValue(format) ?? (path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "jsonl");
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path.FullName, ct));
            content.Headers.ContentType = new MediaTypeHeaderValue(fmt == "csv" ? "text/csv" : "application/jsonl");
            using var d = await c.UploadDatasetAsync(parse.GetValue(name)!, fmt, content, parse.GetValue(description), ct);
            var r = d.RootElement;
            await cli.Output.WriteLineAsync($"{r.GetProperty("name").GetString()} version {r.GetProperty("version")}: {r.GetProperty("rows")} rows, columns {string.Join(", ", r.GetProperty("columns").EnumerateArray().Select(x => x.GetString()))}, sha256 {r.GetProperty("digest").GetString()}");
            return ExitCodes.Ok;
        }));
        var list = new Command("list", "List evaluation datasets and their versions");
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var d = await c.ListDatasetsAsync(ct);
            return cli.Print(parse, d.RootElement, ["NAME", "VERSION", "ROWS", "FORMAT", "COLUMNS", "SHA256"], e => e.EnumerateArray().Select(x => new[]
            {
                x.GetProperty("name").GetString(), x.GetProperty("version").ToString(), x.GetProperty("rows").ToString(), x.GetProperty("format").GetString(),
                string.Join(",", x.GetProperty("columns").EnumerateArray().Select(y => y.GetString())), x.GetProperty("digest").GetString()![..12],
            }));
        }));
        var runArgument = new Argument<string>("run") { Description = "Run id" };
        var pathArgument = new Argument<string>("path") { Description = "Artifact path inside the run (.csv or .jsonl)" };
        var fromRunName = new Option<string>("--name", "-n") { Description = "Dataset name", Required = true };
        var fromRun = new Command("from-run", "Make a dataset version of a run's artifact") { runArgument, pathArgument, fromRunName };
        fromRun.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var d = await c.DatasetFromRunAsync(parse.GetValue(fromRunName)!, parse.GetValue(runArgument)!, parse.GetValue(pathArgument)!, ct);
            var r = d.RootElement;
            await cli.Output.WriteLineAsync($"{r.GetProperty("name").GetString()} version {r.GetProperty("version")}: {r.GetProperty("rows")} rows, sha256 {r.GetProperty("digest").GetString()}");
            return ExitCodes.Ok;
        }));
        return new Command("datasets", "Versioned evaluation datasets") { upload, fromRun, list };
    }

    public static Command Eval(CliContext cli)
    {
        var request = new Option<FileInfo?>("--request") { Description = "The whole request as a JSON file (any field of POST /api/v1/evaluations)" };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "Dataset name" };
        var task = new Option<string?>("--task") { Description = "classification, regression or text" };
        var label = new Option<string?>("--label-column") { Description = "Column of true labels or values" };
        var referenceColumns = new Option<string[]>("--reference-column") { Description = "Column(s) of references (text tasks)" };
        var predictionsColumn = new Option<string?>("--predictions-column") { Description = "Column of predictions in the dataset" };
        var predictionsFile = new Option<FileInfo?>("--predictions") { Description = "Predictions, one per line, aligned with the dataset rows" };
        var model = new Option<string?>("--model") { Description = "Registered model to run over --feature-column" };
        var version = new Option<long?>("--version") { Description = "Model version" };
        var deployment = new Option<string?>("--deployment") { Description = "Deployment to run over --feature-column" };
        var features = new Option<string[]>("--feature-column") { Description = "Feature columns, in the model's input order", AllowMultipleArgumentsPerToken = true };
        var metrics = new Option<string[]>("--metric", "-m") { Description = "Metric names (default per task)", AllowMultipleArgumentsPerToken = true };
        var slices = new Option<string[]>("--slice-by") { Description = "Columns to report metrics per value of", AllowMultipleArgumentsPerToken = true };
        var sensitive = new Option<string?>("--sensitive-attribute") { Description = "Column for fairness metrics (binary classification)" };
        var samples = new Option<int?>("--bootstrap-samples") { Description = "Resamples for confidence intervals (default 1000; 0 for none)" };
        var run = new Command("run", "Evaluate a model version, a deployment or predictions over a dataset; records a tracking run")
        {
            request, dataset, task, label, referenceColumns, predictionsColumn, predictionsFile, model, version, deployment, features, metrics, slices, sensitive, samples,
        };
        run.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var body = parse.GetValue(request) is { } f ? JsonNode.Parse(await File.ReadAllTextAsync(f.FullName, ct))!.AsObject() : [];
            void Set(string key, JsonNode? value)
            {
                if (value is not null)
                {
                    body[key] = value;
                }
            }

            JsonArray? Many(string[]? values) => values is { Length: > 0 } ? new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()) : null;
            Set("dataset", parse.GetValue(dataset));
            Set("task", parse.GetValue(task));
            Set("label_column", parse.GetValue(label));
            Set("reference_columns", Many(parse.GetValue(referenceColumns)));
            Set("predictions_column", parse.GetValue(predictionsColumn));
            Set("model", parse.GetValue(model));
            Set("version", parse.GetValue(version));
            Set("deployment", parse.GetValue(deployment));
            Set("feature_columns", Many(parse.GetValue(features)));
            Set("metrics", Many(parse.GetValue(metrics)));
            Set("slice_by", Many(parse.GetValue(slices)));
            Set("sensitive_attribute", parse.GetValue(sensitive));
            if (parse.GetValue(samples) is { } n)
            {
                body["bootstrap"] = new JsonObject { ["samples"] = n };
            }

            if (parse.GetValue(predictionsFile) is { } pf)
            {
                var lines = (await File.ReadAllLinesAsync(pf.FullName, ct)).ToList();
                while (lines.Count > 0 && lines[^1].Length == 0)
                {
                    lines.RemoveAt(lines.Count - 1);
                }

                body["predictions"] = new JsonArray(lines.Select(l => double.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && body["task"]?.GetValue<string>() != "text"
                    ? JsonValue.Create(v) : (JsonNode)JsonValue.Create(l)).ToArray());
            }

            using var result = await c.RunEvaluationAsync(body, ct);
            return Describe(cli, parse, result.RootElement);
        }));

        var runId = new Argument<string>("run") { Description = "Run id of an evaluation" };
        var show = new Command("show", "Show an evaluation's metrics, intervals, slices and fairness") { runId };
        show.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var result = await c.GetEvaluationAsync(parse.GetValue(runId)!, ct);
            return Describe(cli, parse, result.RootElement);
        }));

        var baseline = new Argument<string>("baseline") { Description = "Run id of the baseline evaluation" };
        var candidates = new Argument<string[]>("candidates") { Description = "Run ids of candidate evaluations on the same dataset version", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "json, markdown or html", DefaultValueFactory = _ => "markdown" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file" };
        var compareSamples = new Option<int>("--bootstrap-samples") { Description = "Paired-bootstrap resamples", DefaultValueFactory = _ => 1000 };
        var threshold = new Option<double>("--regression-threshold") { Description = "A slice this much worse than the baseline is a regression", DefaultValueFactory = _ => 0.01 };
        var compare = new Command("compare", "Scoreboard of candidates against a baseline: deltas, intervals, significance, slice regressions")
        {
            baseline, candidates, format, output, compareSamples, threshold,
        };
        compare.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var text = await c.CompareEvaluationsAsync(new
            {
                baseline = parse.GetValue(baseline), candidates = parse.GetValue(candidates),
                bootstrap = new { samples = parse.GetValue(compareSamples) }, regression_threshold = parse.GetValue(threshold),
            }, parse.GetValue(format)!, ct);
            return await WriteAsync(cli, parse.GetValue(output), text, ct);
        }));

        var reportRun = new Argument<string>("run") { Description = "Run id of an evaluation" };
        var reportFormat = new Option<string>("--format") { Description = "markdown or json", DefaultValueFactory = _ => "markdown" };
        var reportOutput = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file" };
        var report = new Command("report", "An evaluation's report: metrics with intervals, slices and fairness") { reportRun, reportFormat, reportOutput };
        report.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var result = await c.GetEvaluationAsync(parse.GetValue(reportRun)!, ct);
            var text = parse.GetValue(reportFormat) == "json" ? JsonSerializer.Serialize(result.RootElement, Indented) : Cairn.Evaluation.Runs.EvaluationReport.Markdown(result.RootElement);
            return await WriteAsync(cli, parse.GetValue(reportOutput), text, ct);
        }));

        return new Command("eval", "Evaluation runs, scoreboards and reports") { run, show, compare, report };
    }

    private static async Task<int> WriteAsync(CliContext cli, FileInfo? output, string text, CancellationToken ct)
    {
        if (output is null)
        {
            await cli.Output.WriteAsync(text);
        }
        else
        {
            await File.WriteAllTextAsync(output.FullName, text, ct);
            await cli.Output.WriteLineAsync($"Wrote {output.FullName}");
        }

        return ExitCodes.Ok;
    }

    private static int Describe(CliContext cli, System.CommandLine.ParseResult parse, JsonElement result)
    {
        cli.Output.WriteLine($"run {result.GetProperty("run_id").GetString()}: {result.GetProperty("dataset").GetProperty("name").GetString()} version {result.GetProperty("dataset").GetProperty("version")}");
        return cli.Print(parse, result, ["METRIC", "VALUE", "95% CI"], r => r.GetProperty("metrics").EnumerateArray().Select(m => new[]
        {
            m.GetProperty("key").GetString(), Number(m, "value"),
            m.TryGetProperty("ci_low", out var lo) && lo.ValueKind == JsonValueKind.Number ? $"[{Number(m, "ci_low")}, {Number(m, "ci_high")}]" : "",
        }));
    }

    private static string Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "";
}

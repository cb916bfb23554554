using System.CommandLine;
using System.Globalization;
using Cairn.Guardrails.Injection;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn guard detect FILE</c> and <c>cairn guard train-injection</c>: the injection detector, locally.</summary>
public static class GuardInjectionCommands
{
    public static Command Detect(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A UTF-8 text file, read whole" };
        var threshold = new Option<double>("--threshold") { Description = "Probability at which the text is flagged (0-1)", DefaultValueFactory = _ => InjectionDetector.DefaultThreshold };
        var model = new Option<FileInfo?>("--model") { Description = "A model written by 'cairn guard train-injection' instead of the shipped one" };
        var fail = new Option<bool>("--fail-on-findings") { Description = "Exit with code 1 when the text is flagged" };
        var detect = new Command("detect", "Score a file for prompt injection and jailbreaks: normalization, decoding, signatures, classifier") { file, threshold, model, fail };
        detect.SetAction(async (parse, ct) =>
        {
            try
            {
                var text = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
                var detector = Open(parse.GetValue(model));
                var result = detector.Detect(text, parse.GetValue(threshold));
                cli.Print(parse, result, ["CHECK", "ID", "CATEGORY", "LAYER", "TEXT"], r => r.Findings.Select(f => new[]
                {
                    f.Check, f.Id, f.Category, f.Layer, Excerpt(text, f.Start, f.End),
                }));
                if (!parse.GetValue(CliContext.JsonOption))
                {
                    await cli.Output.WriteLineAsync($"score {result.Score.ToString("0.###", CultureInfo.InvariantCulture)}: {(result.Flagged ? "flagged" : "not flagged")}");
                }

                return result.Flagged && parse.GetValue(fail) ? ExitCodes.Failed : ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await cli.Error.WriteLineAsync("cairn: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return detect;
    }

    public static Command Train(CliContext cli)
    {
        var train = new Option<FileInfo>("--train") { Description = "Labelled JSON lines: {\"text\", \"label\": \"injection\"|\"benign\", \"lang\", \"kind\"}", Required = true };
        var heldout = new Option<FileInfo?>("--heldout") { Description = "Labelled JSON lines to measure the model on (never trained on)" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed of the visiting order", DefaultValueFactory = _ => 20261122 };
        var command = new Command("train-injection", "Train the injection classifier (logistic regression over character n-grams, words and signature hits)")
        {
            train, heldout, output, epochs, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var texts = LabelledText.ReadJsonLines(parse.GetValue(train)!.FullName);
                var model = InjectionTraining.Train(texts, parse.GetValue(epochs), parse.GetValue(seed));
                var path = parse.GetValue(output)!.FullName;
                await using (var stream = File.Create(path))
                {
                    model.Write(stream);
                }

                await cli.Output.WriteLineAsync($"trained on {texts.Count} texts ({texts.Count(t => t.Injection)} injections); wrote {path}");
                if (parse.GetValue(heldout) is { } h)
                {
                    var score = InjectionTraining.Measure(new InjectionDetector(model), LabelledText.ReadJsonLines(h.FullName));
                    await Report(cli, score);
                }

                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                await cli.Error.WriteLineAsync("cairn: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    public static Command EvalPii(CliContext cli)
    {
        var data = new Argument<FileInfo>("data") { Description = "Labelled JSON lines: {\"text\", \"entities\": [{\"type\", \"start\", \"end\"}]} (code points)" };
        var command = new Command("eval-pii", "Entity-level precision, recall and F1 of the PII recognizers on a labelled set (exact type and span)") { data };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var (byType, overall) = Cairn.Guardrails.Pii.PiiEvaluation.Measure(Cairn.Guardrails.Pii.PiiAnalyzer.Default, parse.GetValue(data)!.FullName);
                static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
                return cli.Print(parse, byType.Append(new KeyValuePair<string, Cairn.Guardrails.Pii.PiiCounts>("ALL", overall)).ToList(), ["ENTITY", "TP", "FP", "FN", "PRECISION", "RECALL", "F1"],
                    rows => rows.Select(r => new[]
                    {
                        r.Key, r.Value.TruePositives.ToString(CultureInfo.InvariantCulture), r.Value.FalsePositives.ToString(CultureInfo.InvariantCulture),
                        r.Value.FalseNegatives.ToString(CultureInfo.InvariantCulture), F(r.Value.Precision), F(r.Value.Recall), F(r.Value.F1),
                    }));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                await cli.Error.WriteLineAsync("cairn: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static async Task Report(CliContext cli, InjectionScore score)
    {
        static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        var o = score.Overall;
        await cli.Output.WriteLineAsync($"held-out: {o.Count} texts; precision {F(o.Precision)}, recall {F(o.Recall)}, false positives {F(o.FalsePositiveRate)} of benign, {F(score.LookAlikes.FalsePositiveRate)} of look-alikes ({score.LookAlikes.FalsePositives}/{score.LookAlikes.Count})");
        foreach (var (name, c) in score.ByKind.Concat(score.ByLanguage.Select(kv => new KeyValuePair<string, InjectionCounts>("lang " + kv.Key, kv.Value))))
        {
            await cli.Output.WriteLineAsync($"  {name,-24} n={c.Count,4}  recall {F(c.Recall)}  false positives {F(c.FalsePositiveRate)}");
        }

        foreach (var miss in score.Errors.Take(40))
        {
            await cli.Output.WriteLineAsync($"  miss ({(miss.Injection ? "injection" : "benign")}, {miss.Kind}, {miss.Lang}): {Excerpt(miss.Text, 0, miss.Text.Length)}");
        }
    }

    private static InjectionDetector Open(FileInfo? model)
    {
        if (model is null)
        {
            return InjectionDetector.Default;
        }

        using var stream = File.OpenRead(model.FullName);
        return new InjectionDetector(InjectionModel.Read(stream));
    }

    private static string Excerpt(string text, int start, int end)
    {
        var s = text[start..end].ReplaceLineEndings(" ");
        return s.Length > 100 ? s[..97] + "..." : s;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Evaluation.Numerics;
using Markdig;

namespace Cairn.Evaluation.Runs;

/// <summary>
/// A baseline and candidates evaluated on the same dataset version: each metric with the candidate's delta, a
/// paired-bootstrap interval and p-value for the delta (the same resampled rows for both), McNemar's exact test on
/// the rows one classifier gets right and the other wrong, and the slices where a candidate is worse than the
/// baseline by more than <c>regression_threshold</c>.
/// </summary>
public sealed class Scoreboard(EvaluationService evaluations)
{
    /// <summary>Metrics where a smaller value is better.</summary>
    public static readonly HashSet<string> LowerIsBetter = new(StringComparer.Ordinal)
    {
        "log_loss", "brier_score", "calibration", "mae", "mse", "rmse", "mape", "median_absolute_error", "ter", "wer", "mer", "wil", "cer", "perplexity",
    };

    public async Task<JsonObject> CompareAsync(long projectId, string? baseline, IReadOnlyList<string> candidates, int samples, int seed, double threshold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (baseline is null)
        {
            throw CairnException.Invalid("baseline", "is required: the run id of the baseline evaluation");
        }

        if (candidates.Count is 0 or > 10)
        {
            throw CairnException.Invalid("candidates", "give 1 to 10 run ids of candidate evaluations");
        }

        if (samples is < 0 or > 10_000)
        {
            throw CairnException.Invalid("bootstrap.samples", "must be between 0 and 10000");
        }

        var b = await evaluations.GetAsync(projectId, baseline, ct).ConfigureAwait(false);
        var bRows = await evaluations.PredictionsAsync(projectId, baseline, ct).ConfigureAwait(false);
        var task = b["task"]!.GetValue<string>();
        var digest = b["dataset"]!["digest"]!.GetValue<string>();
        var specs = b["metrics"]!.AsArray().Select(m => new MetricSpec(m!["key"]!.GetValue<string>(), m["metric"]!.GetValue<string>(), m["options"]!.AsObject())).ToList();
        var boards = new JsonArray();
        foreach (var candidate in candidates)
        {
            var c = await evaluations.GetAsync(projectId, candidate, ct).ConfigureAwait(false);
            if (c["dataset"]!["digest"]!.GetValue<string>() != digest)
            {
                throw CairnException.Invalid("candidates", $"run {candidate} evaluated another dataset version ({c["dataset"]!["name"]} version {c["dataset"]!["version"]}); a scoreboard compares runs on the same rows");
            }

            var cRows = await evaluations.PredictionsAsync(projectId, candidate, ct).ConfigureAwait(false);
            boards.Add(Compare(candidate, c, task, specs, bRows, cRows, samples, seed, threshold, b));
        }

        return new JsonObject
        {
            ["dataset"] = b["dataset"]!.DeepClone(),
            ["task"] = task,
            ["baseline"] = new JsonObject { ["run_id"] = baseline, ["model"] = b["model"]?.DeepClone(), ["metrics"] = Values(b) },
            ["bootstrap"] = new JsonObject { ["samples"] = samples, ["seed"] = seed },
            ["regression_threshold"] = threshold,
            ["candidates"] = boards,
        };
    }

    private static JsonObject Values(JsonObject run)
    {
        var o = new JsonObject();
        foreach (var m in run["metrics"]!.AsArray())
        {
            o[m!["key"]!.GetValue<string>()] = m["value"]?.DeepClone();
        }

        return o;
    }

    private static JsonObject Compare(
        string runId, JsonObject candidate, string task, List<MetricSpec> specs, JsonObject[] bRows, JsonObject[] cRows, int samples, int seed, double threshold, JsonObject baseline)
    {
        var n = bRows.Length;
        if (cRows.Length != n)
        {
            throw CairnException.Invalid("candidates", $"run {runId} holds {cRows.Length} predictions where the baseline holds {n}");
        }

        // The same cap on resampling work as an evaluation run: samples × rows × metrics.
        samples = (int)Math.Min(samples, EvaluationService.MaxBootstrapWork / Math.Max(1L, (long)n * Math.Max(1, specs.Count)));
        var rng = new LegacyMt19937((uint)seed);
        var draws = Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, n).Select(_ => rng.Below(n)).ToArray()).ToArray();
        var metrics = new JsonArray();
        foreach (var spec in specs)
        {
            var bRequest = Request(spec, task, bRows);
            var cRequest = Request(spec, task, cRows);
            var bCache = new Dictionary<string, object>(StringComparer.Ordinal);
            var cCache = new Dictionary<string, object>(StringComparer.Ordinal);
            double Score(JsonElement request, Dictionary<string, object> cache, int[]? rows) =>
                MetricCatalog.Compute(new MetricRequest(request, rows, cache))["score"] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d)
                    ? d
                    : throw CairnException.Invalid("metrics", $"{spec.Key} gives no finite number on these rows");

            double bValue, cValue;
            try
            {
                bValue = Score(bRequest, bCache, null);
                cValue = Score(cRequest, cCache, null);
            }
            catch (CairnException e)
            {
                metrics.Add(new JsonObject { ["key"] = spec.Key, ["undefined"] = e.Message });
                continue;
            }

            var lower = LowerIsBetter.Contains(spec.Name);
            var entry = new JsonObject
            {
                ["key"] = spec.Key, ["metric"] = spec.Name, ["baseline"] = bValue, ["candidate"] = cValue, ["delta"] = cValue - bValue,
                ["better"] = lower ? "lower" : "higher",
            };
            if (samples > 0)
            {
                var deltas = new double[samples];
                var ok = new bool[samples];
                Parallel.For(0, samples, s =>
                {
                    try
                    {
                        deltas[s] = Score(cRequest, cCache, draws[s]) - Score(bRequest, bCache, draws[s]);
                        ok[s] = true;
                    }
                    catch (CairnException)
                    {
                        // undefined on this resample; left out
                    }
                });
                var kept = deltas.Where((_, s) => ok[s]).Order().ToArray();
                if (kept.Length > 0)
                {
                    entry["delta_ci_low"] = NumpyMath.QuantileOfSorted(kept, 0.025);
                    entry["delta_ci_high"] = NumpyMath.QuantileOfSorted(kept, 0.975);

                    // Two-sided paired-bootstrap p-value: how often the resampled delta lands on either side of zero.
                    var atOrBelow = kept.Count(d => d <= 0);
                    var atOrAbove = kept.Count(d => d >= 0);
                    entry["p_value"] = Math.Min(1.0, 2.0 * Math.Min(atOrBelow, atOrAbove) / kept.Length);
                    entry["samples"] = kept.Length;
                }
            }

            metrics.Add(entry);
        }

        var board = new JsonObject { ["run_id"] = runId, ["model"] = candidate["model"]?.DeepClone(), ["metrics"] = metrics };
        if (task == "classification")
        {
            board["mcnemar"] = McNemar(bRows, cRows);
        }

        board["slice_regressions"] = SliceRegressions(baseline, candidate, specs, threshold);
        return board;
    }

    private static JsonElement Request(MetricSpec spec, string task, JsonObject[] rows)
    {
        var info = MetricCatalog.All.First(m => m.Name == spec.Name);
        var request = new JsonObject { ["metric"] = spec.Name, ["options"] = spec.Options.DeepClone() };
        if (task == "text")
        {
            request["predictions"] = new JsonArray(rows.Select(r => r["prediction"]?.DeepClone()).ToArray());
            request["references"] = new JsonArray(rows.Select(r => r["references"]?.DeepClone()).ToArray());
        }
        else
        {
            request["labels"] = new JsonArray(rows.Select(r => r["label"]?.DeepClone()).ToArray());
            var scored = info.Inputs.Contains("scores", StringComparison.Ordinal);
            request[scored ? "scores" : "predictions"] = new JsonArray(rows.Select(r => r[scored ? "score" : "prediction"]?.DeepClone()).ToArray());
        }

        return JsonSerializer.SerializeToElement(request);
    }

    /// <summary>McNemar's exact test (two-sided binomial on the discordant rows), as statsmodels' <c>mcnemar(exact=True)</c>.</summary>
    public static JsonObject McNemar(JsonObject[] baseline, JsonObject[] candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        int onlyBaseline = 0, onlyCandidate = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            var truth = EvaluationInputs.Text(baseline[i]["label"]);
            var b = EvaluationInputs.Text(baseline[i]["prediction"]) == truth;
            var c = EvaluationInputs.Text(candidate[i]["prediction"]) == truth;
            onlyBaseline += b && !c ? 1 : 0;
            onlyCandidate += c && !b ? 1 : 0;
        }

        return new JsonObject
        {
            ["baseline_only_correct"] = onlyBaseline,
            ["candidate_only_correct"] = onlyCandidate,
            ["statistic"] = Math.Min(onlyBaseline, onlyCandidate),
            ["p_value"] = ExactBinomialTwoSided(Math.Min(onlyBaseline, onlyCandidate), onlyBaseline + onlyCandidate),
        };
    }

    /// <summary>min(1, 2·P(X ≤ k)) for X ~ Binomial(n, ½); 1 when n is 0.</summary>
    public static double ExactBinomialTwoSided(int k, int n)
    {
        if (n == 0)
        {
            return 1.0;
        }

        // Sum C(n, i) / 2^n for i = 0..k in log space, to stay finite for large n.
        var logHalf = n * Math.Log(0.5);
        var total = 0.0;
        var logC = 0.0;
        for (var i = 0; i <= k; i++)
        {
            if (i > 0)
            {
                logC += Math.Log(n - i + 1) - Math.Log(i);
            }

            total += Math.Exp(logC + logHalf);
        }

        return Math.Min(1.0, 2 * total);
    }

    private static JsonArray SliceRegressions(JsonObject baseline, JsonObject candidate, List<MetricSpec> specs, double threshold)
    {
        var found = new JsonArray();
        var bSlices = baseline["slices"]!.AsArray();
        var cSlices = candidate["slices"]!.AsArray();
        foreach (var bs in bSlices)
        {
            var column = bs!["column"]!.GetValue<string>();
            var cs = cSlices.FirstOrDefault(s => s!["column"]!.GetValue<string>() == column);
            if (cs is null)
            {
                continue;
            }

            foreach (var bv in bs["values"]!.AsArray())
            {
                var value = bv!["value"]!.GetValue<string>();
                var cv = cs["values"]!.AsArray().FirstOrDefault(v => v!["value"]!.GetValue<string>() == value);
                foreach (var spec in specs)
                {
                    var bm = bv["metrics"]![spec.Key]?.GetValue<double>();
                    var cm = cv?["metrics"]![spec.Key]?.GetValue<double>();
                    if (bm is not { } x || cm is not { } y)
                    {
                        continue;
                    }

                    var worse = LowerIsBetter.Contains(spec.Name) ? y - x : x - y;
                    if (worse > threshold)
                    {
                        found.Add(new JsonObject
                        {
                            ["column"] = column, ["value"] = value, ["rows"] = bv["rows"]!.DeepClone(), ["key"] = spec.Key,
                            ["baseline"] = x, ["candidate"] = y, ["delta"] = y - x,
                        });
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The scoreboard as a Markdown report (the ablation report).</summary>
    public static string Markdown(JsonObject board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var sb = new System.Text.StringBuilder();
        var ds = board["dataset"]!;
        sb.Append(CultureInfo.InvariantCulture, $"# Scoreboard: {Cell(ds["name"])} version {ds["version"]} ({ds["rows"]} rows, sha256 {ds["digest"]!.GetValue<string>()[..12]}…)\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Baseline: run `{board["baseline"]!["run_id"]}`{ModelText(board["baseline"]!["model"])}. ");
        sb.Append(CultureInfo.InvariantCulture, $"Intervals and p-values: paired bootstrap, {board["bootstrap"]!["samples"]} resamples (seed {board["bootstrap"]!["seed"]}), 95 %.\n");
        foreach (var c in board["candidates"]!.AsArray())
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## Candidate `{c!["run_id"]}`{ModelText(c["model"])}\n\n");
            sb.Append("| metric | baseline | candidate | delta | 95 % CI of delta | p |\n|---|---:|---:|---:|---|---:|\n");
            foreach (var m in c["metrics"]!.AsArray())
            {
                if (m!["undefined"] is { } why)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"| {Cell(m["key"])} | – | – | – | undefined: {Cell(why)} | |\n");
                    continue;
                }

                var p = m["p_value"]?.GetValue<double>();
                var significant = p is < 0.05 ? " **" : "";
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {Cell(m["key"])} ({m["better"]} is better) | {F(m["baseline"])} | {F(m["candidate"])} | {Signed(m["delta"])}{significant} | {(m["delta_ci_low"] is null ? "–" : $"[{Signed(m["delta_ci_low"])}, {Signed(m["delta_ci_high"])}]")} | {(p is null ? "–" : F(m["p_value"]))} |\n");
            }

            if (c["mcnemar"] is JsonObject mc)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"\nMcNemar (exact): baseline alone right on {mc["baseline_only_correct"]} rows, candidate alone on {mc["candidate_only_correct"]}; p = {F(mc["p_value"])}.\n");
            }

            var regressions = c["slice_regressions"]!.AsArray();
            sb.Append(regressions.Count == 0 ? "\nNo slice is worse than the baseline beyond the threshold.\n" : "\n**Slice regressions**\n\n| slice | rows | metric | baseline | candidate | delta |\n|---|---:|---|---:|---:|---:|\n");
            foreach (var r in regressions)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {Cell(r!["column"])} = {Cell(r["value"])} | {r["rows"]} | {Cell(r["key"])} | {F(r["baseline"])} | {F(r["candidate"])} | {Signed(r["delta"])} |\n");
            }
        }

        sb.Append("\n** p < 0.05\n");
        return sb.ToString();
    }

    /// <summary>The scoreboard as a self-contained HTML page.</summary>
    public static string Html(JsonObject board)
    {
        var markdown = Markdown(board);
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Cairn scoreboard</title><style>body{font-family:sans-serif;max-width:72rem;margin:2rem auto}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>"
            + Markdig.Markdown.ToHtml(markdown, Pipeline) + "</body></html>";
    }

    // Pipe tables; raw HTML in the Markdown (e.g. from a slice value) is shown as text, never passed through.
    private static readonly Markdig.MarkdownPipeline Pipeline = new Markdig.MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private static string Cell(JsonNode? n) => EvaluationReport.Escape(n?.GetValue<string>());

    private static string ModelText(JsonNode? model) => model is JsonObject m ? $" ({Cell(m["name"])} version {m["version"]})" : "";

    private static string F(JsonNode? n) => n is null ? "–" : n.GetValue<double>().ToString("0.####", CultureInfo.InvariantCulture);

    private static string Signed(JsonNode? n) => n is null ? "–" : n.GetValue<double>().ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);
}

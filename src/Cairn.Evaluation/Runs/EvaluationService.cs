using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Cairn.Evaluation.Datasets;
using Cairn.Evaluation.Numerics;
using Cairn.Serving;
using Cairn.Tracking;
using Cairn.Tracking.Artifacts;

namespace Cairn.Evaluation.Runs;

/// <summary>
/// Runs an evaluation: predictions from a dataset column, a list, a registry version or a deployment, scored over
/// an evaluation dataset with the chosen metrics — overall with percentile-bootstrap confidence intervals, per slice,
/// and for fairness across a sensitive attribute — and recorded as a tracking run (metrics, tags, the full result as
/// <c>evaluation.json</c> and the row-level predictions as <c>predictions.jsonl</c>) linked to the model version it
/// evaluated, where the registry's evaluation gate reads it.
/// </summary>
public sealed partial class EvaluationService(
    DatasetService datasets, DeploymentService deployments, TrackingService tracking, ArtifactService artifacts, IRegistryGovernanceStore edges, TimeProvider time)
{
    public const string KindTag = "cairn.evaluation";

    /// <summary>Most metric computations of one bootstrap (rows × samples); the sample count is lowered to fit.</summary>
    public const long MaxBootstrapWork = 20_000_000;

    public const int MaxSliceValues = 50;

    public async Task<JsonObject> RunAsync(Caller caller, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var plan = EvaluationPlan.Parse(body);
        var (dataset, table) = await datasets.LoadAsync(caller.ProjectId, plan.Dataset, plan.DatasetVersion, ct).ConfigureAwait(false);
        var sliceColumns = plan.SliceBy.Select(c => (Name: c, Index: table.Column(c, "slice_by"))).ToList();
        var sensitive = plan.SensitiveAttribute is { } sa ? table.Column(sa, "sensitive_attribute") : -1;

        string? modelName = null;
        long? modelVersion = null;
        EvaluationInputs inputs;
        if (plan.Source.Kind == "model")
        {
            var (model, version, _) = await deployments.OpenVersionAsync(
                caller, plan.Source.Model, plan.Source.Version, plan.Source.Alias, plan.Source.File, "evaluation:" + plan.Dataset, ct).ConfigureAwait(false);
            using (model)
            {
                inputs = await EvaluationInputs.BuildAsync(plan, table, model, null, ct).ConfigureAwait(false);
            }

            (modelName, modelVersion) = (plan.Source.Model, version);
        }
        else if (plan.Source.Kind == "deployment")
        {
            var served = deployments.Get(caller.ProjectId, plan.Source.Deployment);
            inputs = await EvaluationInputs.BuildAsync(plan, table, null, served, ct).ConfigureAwait(false);
            (modelName, modelVersion) = (served.Deployment.ModelName, served.Deployment.ModelVersion);
        }
        else
        {
            inputs = await EvaluationInputs.BuildAsync(plan, table, null, null, ct).ConfigureAwait(false);
        }

        var requests = plan.Metrics.Select(m => (Spec: m, Request: inputs.Request(m, plan.Task), Cache: new Dictionary<string, object>(StringComparer.Ordinal))).ToList();

        // Overall, on every row: a metric that cannot be computed here is a 400 naming it.
        var overall = new JsonArray();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (spec, request, cache) in requests)
        {
            JsonObject result;
            try
            {
                result = MetricCatalog.Compute(new MetricRequest(request, null, cache));
            }
            catch (CairnException e) when (e.Kind == ErrorKind.Invalid)
            {
                throw CairnException.Invalid($"metrics.{spec.Key}", e.Message);
            }

            // A metric without a single number (the confusion matrix) or one that overflows records no value.
            var score = result["score"] is JsonValue sv && sv.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : (double?)null;
            if (score is { } finite)
            {
                values[spec.Key] = finite;
            }

            var entry = new JsonObject { ["key"] = spec.Key, ["metric"] = spec.Name, ["options"] = spec.Options.DeepClone(), ["value"] = score };
            if (spec.Name == "confusion_matrix")
            {
                entry["labels"] = result["labels"]!.DeepClone();
                entry["matrix"] = result["matrix"]!.DeepClone();
            }

            overall.Add(entry);
        }

        var samples = (int)Math.Min(plan.BootstrapSamples, MaxBootstrapWork / Math.Max(1L, (long)inputs.Rows * requests.Count));
        if (samples > 0)
        {
            var intervals = Bootstrap(requests.Select(r => (r.Request, r.Cache)).ToList(), inputs.Rows, samples, plan.Confidence, plan.Seed);
            for (var i = 0; i < requests.Count; i++)
            {
                var (low, high, used) = intervals[i];
                var entry = overall[i]!.AsObject();
                entry["ci_low"] = low;
                entry["ci_high"] = high;
                entry["ci_samples"] = used;
            }
        }

        var slices = new JsonArray();
        foreach (var (name, index) in sliceColumns)
        {
            slices.Add(Slices(name, index, table, requests));
        }

        JsonObject? fairness = null;
        if (sensitive >= 0)
        {
            fairness = FairnessOf(plan, table, sensitive, inputs);
        }

        var result2 = new JsonObject
        {
            ["dataset"] = new JsonObject { ["name"] = dataset.Name, ["version"] = dataset.Version, ["digest"] = dataset.Digest, ["rows"] = dataset.Rows },
            ["model"] = modelName is null ? null : new JsonObject { ["name"] = modelName, ["version"] = modelVersion },
            ["source"] = plan.Source.Kind,
            ["task"] = plan.Task,
            ["bootstrap"] = new JsonObject { ["samples"] = samples, ["confidence"] = plan.Confidence, ["seed"] = plan.Seed },
            ["metrics"] = overall,
            ["slices"] = slices,
            ["fairness"] = fairness,
        };
        var run = await RecordAsync(caller, plan, dataset, modelName, modelVersion, result2, values, inputs, ct).ConfigureAwait(false);
        var ordered = new JsonObject { ["run_id"] = run.RunId, ["experiment_id"] = run.ExperimentId.ToString(CultureInfo.InvariantCulture) };
        foreach (var (k, v) in result2.ToArray())
        {
            result2.Remove(k);
            ordered[k] = v;
        }

        return ordered;
    }

    /// <summary>The project's evaluation runs (tagged <c>cairn.evaluation</c>), newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<Run>> ListAsync(long projectId, int max, CancellationToken ct)
    {
        var (experiments, _) = await tracking.SearchExperimentsAsync(projectId, ViewType.ActiveOnly, null, null, 1000, null, ct).ConfigureAwait(false);
        var (runs, _) = await tracking.SearchRunsAsync(projectId, experiments.Select(e => e.Id.ToString(CultureInfo.InvariantCulture)).ToList(),
            $"tags.`{KindTag}` LIKE '%'", ViewType.ActiveOnly, max, ["attributes.start_time DESC"], null, ct).ConfigureAwait(false);
        return runs;
    }

    /// <summary>The stored result of an evaluation run (its <c>evaluation.json</c>).</summary>
    public async Task<JsonObject> GetAsync(long projectId, string? runId, CancellationToken ct)
    {
        var run = await tracking.GetRunAsync(projectId, runId, ct).ConfigureAwait(false);
        if (!run.Tags.Any(t => t.Key == KindTag))
        {
            throw CairnException.NotFound("evaluation", run.Info.RunId);
        }

        var (_, content) = await artifacts.OpenAsync(projectId, new ProxyPath(run.Info.ExperimentId, ArtifactOwner.Run(run.Info.RunId), "evaluation.json"), ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            JsonObject stored;
            try
            {
                stored = (await JsonNode.ParseAsync(content, cancellationToken: ct).ConfigureAwait(false)) as JsonObject
                    ?? throw new JsonException("not an object");
                _ = stored["dataset"]!["digest"]!.GetValue<string>();
                _ = stored["metrics"]!.AsArray();
                _ = stored["slices"]!.AsArray();
                _ = stored["task"]!.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
            {
                throw new CairnException(ErrorKind.Unprocessable, $"run {run.Info.RunId}'s evaluation.json is not an evaluation result Cairn wrote (it was changed or replaced)");
            }

            var ordered = new JsonObject { ["run_id"] = run.Info.RunId, ["experiment_id"] = run.Info.ExperimentId.ToString(CultureInfo.InvariantCulture), ["status"] = run.Info.Status };
            foreach (var (k, v) in stored.ToArray())
            {
                stored.Remove(k);
                ordered[k] = v;
            }

            return ordered;
        }
    }

    /// <summary>The row-level predictions of an evaluation run (for paired comparisons).</summary>
    public async Task<JsonObject[]> PredictionsAsync(long projectId, string runId, CancellationToken ct)
    {
        var run = await tracking.GetRunAsync(projectId, runId, ct).ConfigureAwait(false);
        var (_, content) = await artifacts.OpenAsync(projectId, new ProxyPath(run.Info.ExperimentId, ArtifactOwner.Run(run.Info.RunId), "predictions.jsonl"), ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var reader = new StreamReader(content, Encoding.UTF8);
            var rows = new List<JsonObject>();
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    rows.Add((Try(() => JsonNode.Parse(line)) as JsonObject)
                        ?? throw new CairnException(ErrorKind.Unprocessable, $"run {runId}'s predictions.jsonl line {rows.Count + 1} is not a prediction Cairn wrote (it was changed or replaced)"));
                }
            }

            return [.. rows];
        }
    }

    private static JsonNode? Try(Func<JsonNode?> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Percentile-bootstrap intervals: the same resamples (NumPy's legacy generator, seeded) for every metric.</summary>
    private static (double? Low, double? High, int Used)[] Bootstrap(List<(JsonElement Request, Dictionary<string, object> Cache)> metrics, int rows, int samples, double confidence, int seed)
    {
        var rng = new LegacyMt19937((uint)seed);
        var draws = new int[samples][];
        for (var s = 0; s < samples; s++)
        {
            var idx = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                idx[i] = rng.Below(rows);
            }

            draws[s] = idx;
        }

        var results = new (double? Low, double? High, int Used)[metrics.Count];
        for (var m = 0; m < metrics.Count; m++)
        {
            var values = new double[samples];
            var ok = new bool[samples];
            var (request, cache) = metrics[m];
            Parallel.For(0, samples, s =>
            {
                try
                {
                    if (MetricCatalog.Compute(new MetricRequest(request, draws[s], cache))["score"] is JsonValue score
                        && score.TryGetValue<double>(out var v) && double.IsFinite(v))
                    {
                        values[s] = v;
                        ok[s] = true;
                    }
                }
                catch (CairnException)
                {
                    // undefined on this resample (e.g. one class only): left out of the interval
                }
            });
            var kept = values.Where((_, s) => ok[s]).Order().ToArray();
            var tail = (1 - confidence) / 2;
            results[m] = kept.Length == 0 ? (null, null, 0) : (NumpyMath.QuantileOfSorted(kept, tail), NumpyMath.QuantileOfSorted(kept, 1 - tail), kept.Length);
        }

        return results;
    }

    private static JsonObject Slices(string column, int index, DatasetTable table, List<(MetricSpec Spec, JsonElement Request, Dictionary<string, object> Cache)> requests)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var r = 0; r < table.Count; r++)
        {
            var value = table.Rows[r][index] ?? "";
            if (!groups.TryGetValue(value, out var list))
            {
                if (groups.Count == MaxSliceValues)
                {
                    throw CairnException.Invalid("slice_by", $"column '{column}' has more than {MaxSliceValues} distinct values; slice by a coarser column");
                }

                groups[value] = list = [];
            }

            list.Add(r);
        }

        var values = new JsonArray();
        foreach (var (value, rows) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var metrics = new JsonObject();
            var undefined = new JsonObject();
            foreach (var (spec, request, cache) in requests)
            {
                try
                {
                    metrics[spec.Key] = MetricCatalog.Compute(new MetricRequest(request, [.. rows], cache))["score"]?.DeepClone();
                }
                catch (CairnException e)
                {
                    metrics[spec.Key] = null;
                    undefined[spec.Key] = e.Message;
                }
            }

            values.Add(new JsonObject { ["value"] = value, ["rows"] = rows.Count, ["metrics"] = metrics, ["undefined"] = undefined });
        }

        return new JsonObject { ["column"] = column, ["values"] = values };
    }

    private static JsonObject FairnessOf(EvaluationPlan plan, DatasetTable table, int sensitive, EvaluationInputs inputs)
    {
        var labels = inputs.Labels!.Select(EvaluationInputs.Text).ToArray();
        var predictions = inputs.Predictions!.Select(EvaluationInputs.Text).ToArray();
        var classes = labels.Concat(predictions).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count > 2)
        {
            throw CairnException.Invalid("sensitive_attribute", $"fairness metrics need a binary problem; the labels and predictions hold {classes.Count} classes");
        }

        var numeric = inputs.Labels!.All(l => l is JsonValue v && v.TryGetValue<double>(out _));
        var positive = plan.PositiveLabel ?? (numeric ? "1" : throw CairnException.Invalid("positive_label", "is required when labels are strings: the favourable outcome"));
        if (numeric && double.TryParse(positive, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
        {
            positive = p.ToString("R", CultureInfo.InvariantCulture);
        }

        if (!classes.Contains(positive, StringComparer.Ordinal))
        {
            throw CairnException.Invalid("positive_label", $"'{positive}' is not one of the classes ({string.Join(", ", classes)}); name the favourable outcome");
        }

        var groups = table.Rows.Select(r => r[sensitive] ?? "").ToArray();
        return Fairness.Assess(plan.SensitiveAttribute!, groups, labels.Select(l => l == positive).ToArray(), predictions.Select(x => x == positive).ToArray(), plan.Thresholds);
    }

    private async Task<RunInfo> RecordAsync(
        Caller caller, EvaluationPlan plan, Core.Evaluation.EvaluationDataset dataset, string? modelName, long? modelVersion,
        JsonObject result, Dictionary<string, double> values, EvaluationInputs inputs, CancellationToken ct)
    {
        Experiment experiment;
        try
        {
            experiment = await tracking.GetExperimentByNameAsync(caller.ProjectId, plan.Experiment, ct).ConfigureAwait(false);
        }
        catch (CairnException e) when (e.Kind == ErrorKind.NotFound)
        {
            experiment = await tracking.CreateExperimentAsync(caller.ProjectId, plan.Experiment, null, null, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var tags = new List<KeyValue>
        {
            new(KindTag, plan.Task),
            new("cairn.evaluation.dataset", $"{dataset.Name}@{dataset.Version}"),
            new("cairn.evaluation.dataset_digest", dataset.Digest),
            new("cairn.evaluation.source", plan.Source.Kind),
        };
        if (modelName is not null)
        {
            tags.Add(new KeyValue("cairn.evaluation.model", $"{modelName}@{modelVersion}"));
        }

        var evaluationJson = Encoding.UTF8.GetBytes(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var predictionLines = PredictionLines(inputs);
        var run = await tracking.CreateRunAsync(caller.ProjectId, experiment.Id.ToString(CultureInfo.InvariantCulture), caller.Principal,
            plan.RunName ?? $"eval-{dataset.Name}-v{dataset.Version}", now, tags, ct).ConfigureAwait(false);
        try
        {
            await FillAsync(caller, run.Info, result, values, plan, dataset, now, evaluationJson, predictionLines, ct).ConfigureAwait(false);
        }
        catch
        {
            // Nothing half-written stays behind: a run that could not be completed is deleted (its lifecycle stage).
            await tracking.DeleteRunAsync(caller.ProjectId, run.Info.RunId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (modelName is not null && modelVersion is { } v2)
        {
            await edges.AddVersionEdgeAsync(caller.ProjectId, modelName, v2, LineageRelations.EvaluatedBy, LineageKinds.Run, run.Info.RunId, now, ct).ConfigureAwait(false);
        }

        return run.Info;
    }

    private async Task FillAsync(
        Caller caller, RunInfo run, JsonObject result, Dictionary<string, double> values, EvaluationPlan plan, Core.Evaluation.EvaluationDataset dataset,
        long now, byte[] evaluationJson, byte[] predictionLines, CancellationToken ct)
    {
        var points = new List<MetricPoint>();
        foreach (var entry in result["metrics"]!.AsArray().Select(e => e!.AsObject()))
        {
            var key = entry["key"]!.GetValue<string>();
            Add(points, key, values.TryGetValue(key, out var value) ? value : null, now);
            Add(points, key + ".ci_low", entry["ci_low"]?.GetValue<double>(), now);
            Add(points, key + ".ci_high", entry["ci_high"]?.GetValue<double>(), now);
        }

        foreach (var slice in result["slices"]!.AsArray().Select(s => s!.AsObject()))
        {
            foreach (var v in slice["values"]!.AsArray().Select(v => v!.AsObject()))
            {
                foreach (var (key, value) in v["metrics"]!.AsObject())
                {
                    Add(points, $"slice/{Safe(slice["column"]!.GetValue<string>())}:{Safe(v["value"]!.GetValue<string>())}/{key}", value?.GetValue<double>(), now);
                }
            }
        }

        if (result["fairness"] is JsonObject f)
        {
            foreach (var name in new[] { "demographic_parity_difference", "equalized_odds_difference", "disparate_impact_ratio" })
            {
                Add(points, "fairness/" + name, f[name]?.GetValue<double>(), now);
            }
        }

        var parameters = new List<KeyValue>
        {
            new("dataset", dataset.Name), new("dataset_version", dataset.Version.ToString(CultureInfo.InvariantCulture)), new("task", plan.Task),
            new("bootstrap_samples", result["bootstrap"]!["samples"]!.ToJsonString()), new("bootstrap_seed", plan.Seed.ToString(CultureInfo.InvariantCulture)),
        };
        await tracking.LogBatchAsync(caller.ProjectId, run.RunId, [], parameters, [], ct).ConfigureAwait(false);
        for (var i = 0; i < points.Count; i += 1000)
        {
            await tracking.LogBatchAsync(caller.ProjectId, run.RunId, points.Skip(i).Take(1000).ToList(), [], [], ct).ConfigureAwait(false);
        }

        await UploadAsync(caller.ProjectId, run, "evaluation.json", evaluationJson, ct).ConfigureAwait(false);
        await UploadAsync(caller.ProjectId, run, "predictions.jsonl", predictionLines, ct).ConfigureAwait(false);
        await tracking.UpdateRunAsync(caller.ProjectId, run.RunId, "FINISHED", time.GetUtcNow().ToUnixTimeMilliseconds(), null, ct).ConfigureAwait(false);
    }

    private static byte[] PredictionLines(EvaluationInputs inputs)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < inputs.Rows; i++)
        {
            var line = new JsonObject { ["row"] = i };
            if (inputs.Labels is not null)
            {
                line["label"] = inputs.Labels[i]?.DeepClone();
            }

            if (inputs.References is not null)
            {
                line["references"] = inputs.References[i]?.DeepClone();
            }

            line["prediction"] = inputs.Predictions![i]?.DeepClone();
            if (inputs.Scores is not null)
            {
                line["score"] = inputs.Scores[i]?.DeepClone();
            }

            sb.Append(line.ToJsonString()).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private async Task UploadAsync(long projectId, RunInfo run, string file, byte[] content, CancellationToken ct)
    {
        using var stream = new MemoryStream(content, writable: false);
        await artifacts.UploadAsync(projectId, new ProxyPath(run.ExperimentId, ArtifactOwner.Run(run.RunId), file), stream, ct).ConfigureAwait(false);
    }

    private static void Add(List<MetricPoint> points, string key, double? value, long now)
    {
        if (value is { } v && double.IsFinite(v))
        {
            points.Add(new MetricPoint(key.Length > 250 ? key[..250] : key, v, now, 0));
        }
    }

    // Metric keys allow letters, digits, _ - . space : and /; anything else in a slice value becomes _.
    private static string Safe(string value) => value.Length == 0 ? "_empty_" : UnsafeKey().Replace(value, "_");

    [GeneratedRegex(@"[^\w.\- ]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeKey();
}

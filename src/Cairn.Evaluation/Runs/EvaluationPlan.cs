using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;

namespace Cairn.Evaluation.Runs;

/// <summary>One metric of an evaluation: its name in the library, its options, and the key it is recorded under.</summary>
public sealed record MetricSpec(string Key, string Name, JsonObject Options);

/// <summary>Where the predictions come from: a column of the dataset, a list, a registry version or a deployment.</summary>
public sealed record PredictionSource(
    string Kind, string? PredictionsColumn = null, string? ScoresColumn = null, JsonElement? Predictions = null, JsonElement? Scores = null,
    string? Model = null, long? Version = null, string? Alias = null, string? File = null, string? Deployment = null,
    string? LabelOutput = null, string? ScoreOutput = null);

/// <summary>The request of <c>POST /api/v1/evaluations</c>, read strictly.</summary>
public sealed record EvaluationPlan(
    string Dataset, long? DatasetVersion, string Task, string? LabelColumn, string[] ReferenceColumns, string[] FeatureColumns, PredictionSource Source,
    IReadOnlyList<MetricSpec> Metrics, string[] SliceBy, string? SensitiveAttribute, string? PositiveLabel, FairnessThresholds Thresholds,
    int BootstrapSamples, double Confidence, int Seed, string Experiment, string? RunName)
{
    public static readonly string[] Tasks = ["classification", "regression", "text"];

    /// <summary>Most metrics in one evaluation.</summary>
    public const int MaxMetrics = 50;

    public static EvaluationPlan Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object");
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "dataset", "dataset_version", "task", "label_column", "reference_columns", "feature_columns", "predictions_column", "scores_column",
            "predictions", "scores", "model", "version", "alias", "file", "deployment", "label_output", "score_output", "metrics", "slice_by",
            "sensitive_attribute", "positive_label", "fairness_thresholds", "bootstrap", "experiment", "run_name",
        };
        foreach (var p in body.EnumerateObject())
        {
            if (!known.Contains(p.Name))
            {
                throw CairnException.Invalid(p.Name, "is not a field of an evaluation request");
            }
        }

        var task = Str(body, "task") ?? throw CairnException.Invalid("task", "is required: classification, regression or text");
        if (!Tasks.Contains(task))
        {
            throw CairnException.Invalid("task", $"'{task}' is not one of classification, regression, text");
        }

        var source = ReadSource(body);
        var labelColumn = Str(body, "label_column");
        var referenceColumns = Strings(body, "reference_columns");
        if (task == "text" ? referenceColumns.Length == 0 : labelColumn is null)
        {
            throw task == "text"
                ? CairnException.Invalid("reference_columns", "is required for a text task: the column(s) holding the references")
                : CairnException.Invalid("label_column", "is required: the column holding the true labels or values");
        }

        var features = Strings(body, "feature_columns");
        if (source.Kind is "model" or "deployment" && (features.Length == 0 || task == "text"))
        {
            throw CairnException.Invalid("feature_columns", task == "text"
                ? "text tasks are evaluated from predictions (predictions_column or predictions), not by running a model"
                : "is required when a model or deployment makes the predictions: the numeric columns of its input, in order");
        }

        var (samples, confidence, seed) = Bootstrap(body);
        var sensitive = Str(body, "sensitive_attribute");
        if (sensitive is not null && task != "classification")
        {
            throw CairnException.Invalid("sensitive_attribute", "fairness metrics apply to classification tasks");
        }

        return new EvaluationPlan(
            Str(body, "dataset") ?? throw CairnException.Invalid("dataset", "is required: the name of an evaluation dataset"),
            Long(body, "dataset_version"), task, labelColumn, referenceColumns, features, source, ReadMetrics(body, task, source),
            Strings(body, "slice_by"), sensitive, Str(body, "positive_label"), FairnessThresholds.Parse(body), samples, confidence, seed,
            Str(body, "experiment") ?? "evaluations", Str(body, "run_name"));
    }

    private static PredictionSource ReadSource(JsonElement body)
    {
        var kinds = new List<string>();
        if (Has(body, "predictions_column"))
        {
            kinds.Add("predictions_column");
        }

        if (Has(body, "predictions"))
        {
            kinds.Add("predictions");
        }

        if (Has(body, "model"))
        {
            kinds.Add("model");
        }

        if (Has(body, "deployment"))
        {
            kinds.Add("deployment");
        }

        if (kinds.Count != 1)
        {
            throw CairnException.Invalid("predictions", "give exactly one source of predictions: predictions_column, predictions, model (with version or alias) or deployment");
        }

        return kinds[0] switch
        {
            "predictions_column" => new PredictionSource("column", PredictionsColumn: Str(body, "predictions_column"), ScoresColumn: Str(body, "scores_column")),
            "predictions" => new PredictionSource("list", Predictions: body.GetProperty("predictions"), Scores: body.TryGetProperty("scores", out var s) ? s : null),
            "model" => new PredictionSource("model", Model: Str(body, "model"), Version: Long(body, "version"), Alias: Str(body, "alias"), File: Str(body, "file"),
                LabelOutput: Str(body, "label_output"), ScoreOutput: Str(body, "score_output")),
            _ => new PredictionSource("deployment", Deployment: Str(body, "deployment"), LabelOutput: Str(body, "label_output"), ScoreOutput: Str(body, "score_output")),
        };
    }

    private static List<MetricSpec> ReadMetrics(JsonElement body, string task, PredictionSource source)
    {
        var specs = new List<MetricSpec>();
        if (!body.TryGetProperty("metrics", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            var scored = source.ScoresColumn is not null || source.Scores is not null || source.Kind is "model" or "deployment";
            string[] defaults = task switch
            {
                "classification" => scored ? ["accuracy", "balanced_accuracy", "f1", "roc_auc"] : ["accuracy", "balanced_accuracy", "f1"],
                "regression" => ["mae", "rmse", "r2"],
                _ => ["bleu", "chrf", "ter"],
            };
            return defaults.Select(d => new MetricSpec(d, d, [])).ToList();
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw CairnException.Invalid("metrics", "must be a non-empty list of metric names or {\"name\", \"options\", \"key\"} objects");
        }

        if (list.GetArrayLength() > MaxMetrics)
        {
            throw CairnException.Invalid("metrics", $"at most {MaxMetrics} metrics per evaluation");
        }

        var i = 0;
        foreach (var m in list.EnumerateArray())
        {
            MetricSpec spec = m.ValueKind switch
            {
                JsonValueKind.String => new MetricSpec(m.GetString()!, m.GetString()!, []),
                JsonValueKind.Object => new MetricSpec(
                    Str(m, "key") ?? Str(m, "name") ?? throw CairnException.Invalid($"metrics[{i}].name", "is required"),
                    Str(m, "name") ?? throw CairnException.Invalid($"metrics[{i}].name", "is required"),
                    m.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object ? JsonNode.Parse(o.GetRawText())!.AsObject() : []),
                _ => throw CairnException.Invalid($"metrics[{i}]", "must be a metric name or an object with name, options and key"),
            };
            if (MetricCatalog.All.FirstOrDefault(x => x.Name == spec.Name) is not { } info)
            {
                throw CairnException.Invalid($"metrics[{i}].name", $"'{spec.Name}' is not a metric of the library");
            }

            var expected = task == "classification" ? "classification" : task == "regression" ? "regression" : "text";
            if (info.Kind != expected)
            {
                throw CairnException.Invalid($"metrics[{i}].name", $"'{spec.Name}' is a {info.Kind} metric, not for a {task} task");
            }

            if (spec.Key.Length is 0 or > 100 || !spec.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw CairnException.Invalid($"metrics[{i}].key", "must be 1-100 characters of letters, digits, '_', '-' or '.' (it names tracking metrics)");
            }

            if (specs.Any(s => s.Key == spec.Key))
            {
                throw CairnException.Invalid($"metrics[{i}].key", $"'{spec.Key}' is used twice; give one of them a key");
            }

            specs.Add(spec);
            i++;
        }

        return specs;
    }

    private static (int Samples, double Confidence, int Seed) Bootstrap(JsonElement body)
    {
        if (!body.TryGetProperty("bootstrap", out var b) || b.ValueKind == JsonValueKind.Null)
        {
            return (1000, 0.95, 0);
        }

        var samples = Long(b, "samples") ?? 1000;
        var confidence = b.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0.95;
        var seed = Long(b, "seed") ?? 0;
        if (samples is < 0 or > 10_000)
        {
            throw CairnException.Invalid("bootstrap.samples", "must be between 0 (no intervals) and 10000");
        }

        if (confidence is <= 0 or >= 1)
        {
            throw CairnException.Invalid("bootstrap.confidence", "must be between 0 and 1, e.g. 0.95");
        }

        if (seed is < 0 or > uint.MaxValue)
        {
            throw CairnException.Invalid("bootstrap.seed", "must be between 0 and 4294967295");
        }

        return ((int)samples, confidence, (int)(uint)seed);
    }

    public static bool Has(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public static string? Str(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Number ? v.GetRawText()
        : throw CairnException.Invalid(name, "must be a string");

    public static long? Long(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l
        : v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
        : throw CairnException.Invalid(name, "must be an integer");

    public static string[] Strings(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        return v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? v.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : throw CairnException.Invalid(name, "must be a string or a list of strings");
    }
}

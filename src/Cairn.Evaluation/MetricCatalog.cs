using System.Globalization;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Evaluation.Classification;
using Cairn.Evaluation.Regression;
using Cairn.Evaluation.Text;

namespace Cairn.Evaluation;

/// <summary>One metric the catalog computes: its name, kind, inputs and the implementation it reproduces.</summary>
public sealed record MetricInfo(string Name, string Kind, string Inputs, string Reference);

/// <summary>
/// Every metric of the library by name, computed from a <see cref="MetricRequest"/> into a JSON result whose
/// fields follow the reference implementation's (score, counts, signature, per-item values, …).
/// </summary>
public static class MetricCatalog
{
    private const string Sk = "scikit-learn 1.2";
    private const string Sacre = "sacreBLEU " + Bleu.SacreBleuVersion;

    public static readonly MetricInfo[] All =
    [
        new("accuracy", "classification", "labels, predictions", Sk + " accuracy_score"),
        new("balanced_accuracy", "classification", "labels, predictions", Sk + " balanced_accuracy_score"),
        new("precision", "classification", "labels, predictions", Sk + " precision_score"),
        new("recall", "classification", "labels, predictions", Sk + " recall_score"),
        new("f1", "classification", "labels, predictions", Sk + " f1_score"),
        new("fbeta", "classification", "labels, predictions", Sk + " fbeta_score"),
        new("confusion_matrix", "classification", "labels, predictions", Sk + " confusion_matrix"),
        new("matthews_corrcoef", "classification", "labels, predictions", Sk + " matthews_corrcoef"),
        new("cohen_kappa", "classification", "labels, predictions", Sk + " cohen_kappa_score"),
        new("roc_auc", "classification", "labels, scores", Sk + " roc_auc_score"),
        new("average_precision", "classification", "labels, scores", Sk + " average_precision_score"),
        new("log_loss", "classification", "labels, scores", Sk + " log_loss"),
        new("brier_score", "classification", "labels, scores", Sk + " brier_score_loss"),
        new("calibration", "classification", "labels, scores", Sk + " calibration_curve, and the expected calibration error over its bins"),
        new("mae", "regression", "labels, predictions", Sk + " mean_absolute_error"),
        new("mse", "regression", "labels, predictions", Sk + " mean_squared_error"),
        new("rmse", "regression", "labels, predictions", Sk + " mean_squared_error(squared=False)"),
        new("r2", "regression", "labels, predictions", Sk + " r2_score"),
        new("mape", "regression", "labels, predictions", Sk + " mean_absolute_percentage_error"),
        new("median_absolute_error", "regression", "labels, predictions", Sk + " median_absolute_error"),
        new("explained_variance", "regression", "labels, predictions", Sk + " explained_variance_score"),
        new("bleu", "text", "predictions, references", Sacre + " BLEU"),
        new("chrf", "text", "predictions, references", Sacre + " CHRF (word_order 2: chrF++)"),
        new("ter", "text", "predictions, references", Sacre + " TER"),
        new("rouge", "text", "predictions, references", "rouge-score 0.1.2 RougeScorer.score_multi"),
        new("wer", "text", "predictions, references", "jiwer 4 process_words"),
        new("mer", "text", "predictions, references", "jiwer 4 process_words"),
        new("wil", "text", "predictions, references", "jiwer 4 process_words"),
        new("wip", "text", "predictions, references", "jiwer 4 process_words"),
        new("cer", "text", "predictions, references", "jiwer 4 process_characters"),
        new("exact_match", "text", "predictions, references", "SQuAD v1.1 evaluate script"),
        new("token_f1", "text", "predictions, references", "SQuAD v1.1 evaluate script"),
        new("perplexity", "text", "log_probs", "exp of the negative mean token log-probability"),
    ];

    /// <summary>Computes the metric <paramref name="request"/> names.</summary>
    public static JsonObject Compute(MetricRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = request.Metric switch
        {
            "accuracy" or "balanced_accuracy" or "precision" or "recall" or "f1" or "fbeta" or "confusion_matrix" or "matthews_corrcoef" or "cohen_kappa" => LabelMetric(request),
            "roc_auc" or "average_precision" or "log_loss" or "brier_score" or "calibration" => ScoreMetric(request),
            "mae" or "mse" or "rmse" or "r2" or "mape" or "median_absolute_error" or "explained_variance" =>
                Score(RegressionMetrics.Compute(request.Metric, request.Numbers("labels"), request.Numbers("predictions"))),
            "bleu" => BleuMetric(request),
            "chrf" => ChrFMetric(request),
            "ter" => TerMetric(request),
            "rouge" => RougeMetric(request),
            "wer" or "mer" or "wil" or "wip" or "cer" => ErrorRateMetric(request),
            "exact_match" or "token_f1" => SquadMetric(request),
            "perplexity" => PerplexityMetric(request),
            _ => throw CairnException.Invalid("metric", $"'{request.Metric}' is not a metric; known metrics: {string.Join(", ", All.Select(m => m.Name))}"),
        };
        request.RejectUnknownOptions();
        var info = All.First(m => m.Name == request.Metric);
        var ordered = new JsonObject { ["metric"] = info.Name };
        foreach (var (k, v) in result.ToArray())
        {
            result.Remove(k);
            ordered[k] = v;
        }

        ordered["reference"] = info.Reference;
        return ordered;
    }

    private static JsonObject Score(double score) => new() { ["score"] = Finite(score) };

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static JsonArray Array(IEnumerable<double> values) => new(values.Select(v => Finite(v)).ToArray());

    private static JsonObject LabelMetric(MetricRequest r)
    {
        var (labels, numeric) = r.Labels("labels");
        var (predictions, predNumeric) = r.Labels("predictions");
        if (labels.Length > 0 && predictions.Length > 0 && numeric != predNumeric)
        {
            throw CairnException.Invalid("predictions", "labels and predictions must both be numbers or both be strings");
        }

        var m = new LabelMetrics(labels, predictions, numeric);
        switch (r.Metric)
        {
            case "accuracy":
                return Score(m.Accuracy());
            case "balanced_accuracy":
                return Score(m.BalancedAccuracy(r.Bool("adjusted", false)));
            case "confusion_matrix":
                var cm = m.ConfusionMatrix();
                return new JsonObject
                {
                    ["labels"] = new JsonArray(cm.Labels.Select(l => numeric ? JsonValue.Create(double.Parse(l, CultureInfo.InvariantCulture)) : (JsonNode)JsonValue.Create(l)).ToArray()),
                    ["matrix"] = new JsonArray(cm.Matrix.Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)JsonValue.Create(v)).ToArray())).ToArray()),
                };
            case "matthews_corrcoef":
                return Score(m.MatthewsCorrelation());
            case "cohen_kappa":
                return Score(m.CohenKappa(r.String("weights", null)));
            default:
                var beta = r.Metric == "fbeta" ? r.Number("beta", null) ?? throw CairnException.Invalid("options.beta", "is required by fbeta") : 1.0;
                if (double.IsNaN(beta) || beta < 0)
                {
                    throw CairnException.Invalid("options.beta", "must be at least 0");
                }

                var zero = r.String("zero_division", "warn");
                var zeroValue = zero switch
                {
                    "warn" or "0" => 0.0,
                    "1" => 1.0,
                    _ => throw CairnException.Invalid("options.zero_division", "must be \"warn\", 0 or 1"),
                };
                return Score(m.PrecisionRecallF(r.Metric, r.String("average", "binary")!, r.String("pos_label", null), beta, zeroValue));
        }
    }

    private static JsonObject ScoreMetric(MetricRequest r)
    {
        var (labels, numeric) = r.Labels("labels");
        string? PosLabel() => r.String("pos_label", numeric ? "1" : null)
            ?? throw CairnException.Invalid("options.pos_label", "is required when labels are strings");
        switch (r.Metric)
        {
            case "roc_auc":
                var average = r.String("average", "macro")!;
                if (average is not ("macro" or "weighted"))
                {
                    throw CairnException.Invalid("options.average", $"'{average}' is not one of macro, weighted");
                }

                var multi = r.String("multi_class", "ovr");
                if (multi != "ovr")
                {
                    throw CairnException.Invalid("options.multi_class", "only 'ovr' (one-vs-rest) is supported");
                }

                return r.IsNested("scores")
                    ? Score(ScoreMetrics.RocAucOvr(labels, numeric, r.Rows("scores", false), average))
                    : Score(ScoreMetrics.RocAuc(labels, numeric, r.Numbers("scores")));
            case "average_precision":
                return Score(ScoreMetrics.AveragePrecision(labels, numeric, r.Numbers("scores"), PosLabel()));
            case "log_loss":
                return Score(ScoreMetrics.LogLoss(labels, numeric, r.Rows("scores", true)));
            case "brier_score":
                return Score(ScoreMetrics.Brier(labels, numeric, r.Numbers("scores"), PosLabel()));
            default:
                var c = ScoreMetrics.Calibration(labels, numeric, r.Numbers("scores"), PosLabel(), r.Int("n_bins", 5), r.String("strategy", "uniform")!);
                return new JsonObject
                {
                    ["score"] = Finite(c.Ece),
                    ["ece"] = Finite(c.Ece),
                    ["prob_true"] = Array(c.ProbTrue),
                    ["prob_pred"] = Array(c.ProbPred),
                    ["counts"] = new JsonArray(c.Counts.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
                };
        }
    }

    private static bool SentenceLevel(MetricRequest r)
    {
        var level = r.String("level", "corpus");
        return level switch
        {
            "corpus" => false,
            "sentence" => true,
            _ => throw CairnException.Invalid("options.level", "must be corpus or sentence"),
        };
    }

    private static JsonObject BleuMetric(MetricRequest r)
    {
        var options = new BleuOptions
        {
            Tokenize = r.String("tokenize", "13a")!,
            SmoothMethod = r.String("smooth_method", "exp")!,
            SmoothValue = r.Number("smooth_value", null),
            Lowercase = r.Bool("lowercase", false),
            EffectiveOrder = r.Bool("effective_order", false),
            MaxNgramOrder = r.Int("max_ngram_order", 4),
        };
        var sentence = SentenceLevel(r);
        var predictions = r.TextList("predictions");
        var references = r.References();
        if (sentence)
        {
            var scores = Bleu.Sentences(predictions, references, options);
            return new JsonObject
            {
                ["score"] = Finite(scores.Select(s => s.Score).Average()),
                ["scores"] = Array(scores.Select(s => s.Score)),
                ["signature"] = Bleu.Signature(options, BleuTokenizers.Get(options.Tokenize)!, references),
            };
        }

        var b = Bleu.Corpus(predictions, references, options);
        return new JsonObject
        {
            ["score"] = Finite(b.Score),
            ["counts"] = Array(b.Counts),
            ["totals"] = Array(b.Totals),
            ["precisions"] = Array(b.Precisions),
            ["bp"] = Finite(b.Bp),
            ["sys_len"] = b.SysLen,
            ["ref_len"] = b.RefLen,
            ["signature"] = b.Signature,
        };
    }

    private static JsonObject ChrFMetric(MetricRequest r)
    {
        var options = new ChrFOptions
        {
            CharOrder = r.Int("char_order", 6),
            WordOrder = r.Int("word_order", 0),
            Beta = r.Number("beta", 2)!.Value,
            Lowercase = r.Bool("lowercase", false),
            Whitespace = r.Bool("whitespace", false),
            EpsSmoothing = r.Bool("eps_smoothing", false),
        };
        var predictions = r.TextList("predictions");
        var references = r.References();
        var stats = ChrF.Statistics(predictions, references, options);
        var sum = new long[stats[0].Length];
        foreach (var s in stats)
        {
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += s[k];
            }
        }

        return new JsonObject
        {
            ["score"] = Finite(ChrF.FScore(sum, options)),
            ["name"] = ChrF.Name(options),
            ["sentence_scores"] = Array(stats.Select(s => ChrF.FScore(s, options))),
            ["signature"] = ChrF.Signature(options, references),
        };
    }

    private static JsonObject TerMetric(MetricRequest r)
    {
        var options = new TerOptions
        {
            Normalized = r.Bool("normalized", false),
            NoPunct = r.Bool("no_punct", false),
            AsianSupport = r.Bool("asian_support", false),
            CaseSensitive = r.Bool("case_sensitive", false),
        };
        var predictions = r.TextList("predictions");
        var references = r.References();
        var stats = Ter.Statistics(predictions, references, options);
        long edits = 0;
        var length = 0.0;
        foreach (var (e, l) in stats)
        {
            edits += e;
            length += l;
        }

        var score = Ter.FromStatistics(edits, length, Ter.Signature(options, references));
        return new JsonObject
        {
            ["score"] = Finite(score.Score),
            ["num_edits"] = score.NumEdits,
            ["ref_length"] = Finite(score.RefLength),
            ["sentence_scores"] = Array(stats.Select(s => Ter.FromStatistics(s.Edits, s.RefLength, "").Score)),
            ["signature"] = score.Signature,
        };
    }

    private static JsonObject RougeMetric(MetricRequest r)
    {
        var types = r.Strings("rouge_types", ["rouge1", "rouge2", "rougeL", "rougeLsum"]);
        var stem = r.Bool("use_stemmer", false);
        var aggregate = r.String("aggregate", "mean");
        var samples = r.Int("n_samples", 1000);
        var confidence = r.Number("confidence_interval", 0.95)!.Value;
        var seed = r.Int("seed", 0);
        var scores = Rouge.ScoreAll(r.TextList("predictions"), r.References(), types, stem);
        var result = new JsonObject();
        var means = new JsonObject();
        foreach (var t in types)
        {
            var f = scores.Select(s => s[t].FMeasure).ToArray();
            means[t] = new JsonObject
            {
                ["precision"] = Numerics.NumpyMath.Mean(scores.Select(s => s[t].Precision).ToArray()),
                ["recall"] = Numerics.NumpyMath.Mean(scores.Select(s => s[t].Recall).ToArray()),
                ["fmeasure"] = Numerics.NumpyMath.Mean(f),
            };
        }

        result["score"] = means[types[0]]!["fmeasure"]!.GetValue<double>();
        result["mean"] = means;
        if (aggregate == "bootstrap")
        {
            result["aggregate"] = RougeBootstrap.Aggregate(scores, types, samples, confidence, seed);
        }
        else if (aggregate != "mean")
        {
            throw CairnException.Invalid("options.aggregate", "must be mean or bootstrap");
        }

        result["per_item"] = new JsonArray(scores.Select(s =>
        {
            var item = new JsonObject();
            foreach (var t in types)
            {
                item[t] = new JsonObject { ["precision"] = s[t].Precision, ["recall"] = s[t].Recall, ["fmeasure"] = s[t].FMeasure };
            }

            return (JsonNode)item;
        }).ToArray());
        return result;
    }

    private static JsonObject ErrorRateMetric(MetricRequest r)
    {
        var predictions = r.TextList("predictions");
        var references = r.References();
        for (var i = 0; i < references.Length; i++)
        {
            if (references[i].Count != 1)
            {
                throw CairnException.Invalid($"references[{i}]", $"{r.Metric} takes exactly one reference per prediction");
            }
        }

        var refs = references.Select(x => x[0]).ToArray();
        var e = r.Metric == "cer" ? ErrorRates.Characters(predictions, refs) : ErrorRates.Words(predictions, refs);
        var score = r.Metric switch
        {
            "mer" => e.Mer,
            "wil" => e.Wil,
            "wip" => e.Wip,
            _ => e.Wer,
        };
        return new JsonObject
        {
            ["score"] = Finite(score),
            ["hits"] = e.Counts.Hits,
            ["substitutions"] = e.Counts.Substitutions,
            ["deletions"] = e.Counts.Deletions,
            ["insertions"] = e.Counts.Insertions,
        };
    }

    private static JsonObject SquadMetric(MetricRequest r)
    {
        var s = Squad.Score(r.TextList("predictions"), r.References());
        return r.Metric == "exact_match"
            ? new JsonObject { ["score"] = s.ExactMatch, ["per_item"] = Array(s.ExactMatchPerItem) }
            : new JsonObject { ["score"] = s.F1, ["per_item"] = Array(s.F1PerItem) };
    }

    private static JsonObject PerplexityMetric(MetricRequest r)
    {
        var p = Perplexity.Compute(r.Rows("log_probs", false));
        return new JsonObject { ["score"] = Finite(p.Perplexity), ["per_item"] = Array(p.PerItem), ["tokens"] = p.Tokens };
    }
}

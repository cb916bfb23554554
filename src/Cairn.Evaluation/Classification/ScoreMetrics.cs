using Cairn.Core.Errors;
using Cairn.Evaluation.Numerics;

namespace Cairn.Evaluation.Classification;

/// <summary>A reliability curve (non-empty bins only) and the expected calibration error.</summary>
public sealed record CalibrationResult(double[] ProbTrue, double[] ProbPred, long[] Counts, double Ece);

/// <summary>
/// scikit-learn's metrics over scores and probabilities: ROC-AUC (binary, and one-vs-rest macro or weighted),
/// average precision, log-loss, Brier score and the calibration curve, following scikit-learn 1.2's order of
/// operations (ties grouped, intermediate ROC points dropped, trapezoids summed pairwise).
/// </summary>
public static class ScoreMetrics
{
    /// <summary>Binary ROC-AUC: <paramref name="scores"/> are scores of the greater class, or of <paramref name="posLabel"/>.</summary>
    public static double RocAuc(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<double> scores, string? posLabel = null)
    {
        var y = BinaryTruth(labels, numeric, scores, posLabel, "roc_auc");
        return BinaryRocAuc(y, scores);
    }

    /// <summary>Multiclass ROC-AUC, one-vs-rest; rows of <paramref name="probabilities"/> are per-class probabilities in sorted class order.</summary>
    public static double RocAucOvr(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<IReadOnlyList<double>> probabilities, string average)
    {
        ClassLabels.CheckPaired(labels.Count, probabilities.Count, "scores");
        var classes = ClassLabels.Of(numeric, labels);
        var t = classes.Encode(labels);
        var k = classes.Count;
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (probabilities[i].Count != k)
            {
                throw CairnException.Invalid($"scores[{i}]", $"has {probabilities[i].Count} columns but the labels have {k} classes; give one probability per class, in sorted class order");
            }

            var sum = 0.0;
            foreach (var v in probabilities[i])
            {
                CheckFinite(v, $"scores[{i}]");
                sum += v;
            }

            if (Math.Abs(1 - sum) > 1e-8 + (1e-5 * Math.Abs(sum)))
            {
                throw CairnException.Invalid($"scores[{i}]", "multiclass roc_auc needs probabilities: each row must sum to 1");
            }
        }

        if (average is not ("macro" or "weighted"))
        {
            throw CairnException.Invalid("options.average", $"'{average}' is not one of macro, weighted");
        }

        var per = new double[k];
        var weights = new double[k];
        for (var c = 0; c < k; c++)
        {
            var y = t.Select(x => x == c).ToArray();
            var col = probabilities.Select(r => r[c]).ToArray();
            weights[c] = y.Count(b => b);
            per[c] = BinaryRocAuc(y, col);
        }

        if (average == "macro")
        {
            return NumpyMath.Mean(per);
        }

        return NumpyMath.Sum(per.Select((s, i) => s * weights[i]).ToArray()) / NumpyMath.Sum(weights);
    }

    /// <summary>scikit-learn's <c>average_precision_score</c> for a binary problem.</summary>
    public static double AveragePrecision(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<double> scores, string? posLabel)
    {
        var y = BinaryTruth(labels, numeric, scores, posLabel, "average_precision", allowOneClass: true);
        var (fps, tps) = BinaryCurve(y, scores);
        var n = tps.Length;
        var precision = new double[n + 1];
        var recall = new double[n + 1];
        var lastTps = tps[^1];
        for (var i = 0; i < n; i++)
        {
            var ps = tps[i] + fps[i];
            var p = ps == 0 ? 0 : tps[i] / ps;
            var r = lastTps == 0 ? 1 : tps[i] / lastTps;
            precision[n - 1 - i] = p;
            recall[n - 1 - i] = r;
        }

        precision[n] = 1;
        recall[n] = 0;
        var terms = new double[n];
        for (var i = 0; i < n; i++)
        {
            terms[i] = (recall[i + 1] - recall[i]) * precision[i];
        }

        return -NumpyMath.Sum(terms);
    }

    /// <summary>scikit-learn's <c>log_loss</c>: 1-D scores are P(greater class); probabilities are clipped to [eps, 1−eps] and rows renormalised.</summary>
    public static double LogLoss(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<IReadOnlyList<double>> probabilities)
    {
        ClassLabels.CheckPaired(labels.Count, probabilities.Count, "scores");
        var classes = ClassLabels.Of(numeric, labels);
        if (classes.Count == 1)
        {
            throw CairnException.Invalid("labels", $"contain only one label ({classes.Classes[0]}); log_loss needs at least two classes");
        }

        var t = classes.Encode(labels);
        const double eps = 2.220446049250313e-16;
        var losses = new double[t.Length];
        for (var i = 0; i < t.Length; i++)
        {
            var row = probabilities[i];
            double[] p;
            if (row.Count == 1)
            {
                var q = Math.Clamp(row[0], eps, 1 - eps);
                p = [1 - q, q];
            }
            else
            {
                p = row.Select(v => Math.Clamp(v, eps, 1 - eps)).ToArray();
            }

            if (p.Length != classes.Count)
            {
                throw CairnException.Invalid($"scores[{i}]", $"has {row.Count} columns but the labels have {classes.Count} classes");
            }

            foreach (var v in row)
            {
                CheckFinite(v, $"scores[{i}]");
            }

            var sum = NumpyMath.Sum(p);
            losses[i] = -Math.Log(p[t[i]] / sum);
        }

        return NumpyMath.Mean(losses);
    }

    /// <summary>scikit-learn's <c>brier_score_loss</c>: mean squared difference between outcome and P(positive).</summary>
    public static double Brier(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<double> scores, string? posLabel)
    {
        var y = BinaryTruth(labels, numeric, scores, posLabel, "brier_score", allowOneClass: true, probabilities: true);
        var sq = new double[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var d = (y[i] ? 1.0 : 0.0) - scores[i];
            sq[i] = d * d;
        }

        return NumpyMath.Mean(sq);
    }

    /// <summary>scikit-learn's <c>calibration_curve</c> (uniform or quantile bins) and the expected calibration error.</summary>
    public static CalibrationResult Calibration(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<double> scores, string? posLabel, int bins, string strategy)
    {
        if (bins < 1)
        {
            throw CairnException.Invalid("options.n_bins", "must be at least 1");
        }

        var y = BinaryTruth(labels, numeric, scores, posLabel, "calibration", allowOneClass: true, probabilities: true);
        double[] edges;
        if (strategy == "uniform")
        {
            edges = NumpyMath.Linspace(0, 1, bins + 1);
        }
        else if (strategy == "quantile")
        {
            var sorted = scores.ToArray();
            Array.Sort(sorted);
            edges = NumpyMath.Linspace(0, 1, bins + 1).Select(q => NumpyMath.QuantileOfSorted(sorted, q * 100 / 100)).ToArray();
        }
        else
        {
            throw CairnException.Invalid("options.strategy", $"'{strategy}' is not one of uniform, quantile");
        }

        var inner = edges[1..^1];
        var sums = new double[edges.Length];
        var trues = new double[edges.Length];
        var totals = new long[edges.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var b = SearchSortedLeft(inner, scores[i]);
            sums[b] += scores[i];
            trues[b] += y[i] ? 1 : 0;
            totals[b]++;
        }

        var probTrue = new List<double>();
        var probPred = new List<double>();
        var counts = new List<long>();
        for (var b = 0; b < edges.Length; b++)
        {
            if (totals[b] != 0)
            {
                probTrue.Add(trues[b] / totals[b]);
                probPred.Add(sums[b] / totals[b]);
                counts.Add(totals[b]);
            }
        }

        var terms = counts.Select((c, i) => (double)c / y.Length * Math.Abs(probTrue[i] - probPred[i])).ToArray();
        return new CalibrationResult([.. probTrue], [.. probPred], [.. counts], NumpyMath.Sum(terms));
    }

    private static int SearchSortedLeft(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (a[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool[] BinaryTruth(IReadOnlyList<string> labels, bool numeric, IReadOnlyList<double> scores, string? posLabel, string metric,
        bool allowOneClass = false, bool probabilities = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        ClassLabels.CheckPaired(labels.Count, scores.Count, "scores");
        for (var i = 0; i < scores.Count; i++)
        {
            CheckFinite(scores[i], $"scores[{i}]");
            if (probabilities && scores[i] is < 0 or > 1)
            {
                throw CairnException.Invalid($"scores[{i}]", $"{metric} needs probabilities between 0 and 1");
            }
        }

        var classes = ClassLabels.Of(numeric, labels);
        if (classes.Count > 2)
        {
            throw CairnException.Invalid("labels", $"have {classes.Count} classes; {metric} with 1-D scores needs a binary problem (give per-class probabilities for multiclass roc_auc)");
        }

        if (classes.Count == 1 && !allowOneClass)
        {
            throw CairnException.Invalid("labels", $"only one class present in labels; {metric} is not defined in that case");
        }

        int pos;
        if (posLabel is not null)
        {
            pos = classes.IndexOf(posLabel);
            if (pos < 0 && classes.Count == 2)
            {
                throw CairnException.Invalid("options.pos_label", $"'{posLabel}' is not a valid label; it should be one of {string.Join(", ", classes.Classes)}");
            }
        }
        else if (classes.Count == 2)
        {
            pos = 1; // the greater label
        }
        else
        {
            pos = numeric && classes.Classes[0] is "1" ? 0 : -1;
        }

        return classes.Encode(labels).Select(c => c == pos).ToArray();
    }

    // _binary_clf_curve: cumulative false and true positives at each distinct score, highest first.
    private static (double[] Fps, double[] Tps) BinaryCurve(IReadOnlyList<bool> y, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order); // order within ties does not matter: only cumulative counts at distinct values are kept
        Array.Reverse(order);
        var fps = new List<double>();
        var tps = new List<double>();
        double tp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            tp += y[order[k]] ? 1 : 0;
            if (k == order.Length - 1 || scores[order[k]] != scores[order[k + 1]])
            {
                tps.Add(tp);
                fps.Add(1 + k - tp);
            }
        }

        return ([.. fps], [.. tps]);
    }

    private static double BinaryRocAuc(IReadOnlyList<bool> y, IReadOnlyList<double> scores)
    {
        if (y.All(b => b) || y.All(b => !b))
        {
            throw CairnException.Invalid("labels", "only one class present in labels; ROC AUC is not defined in that case");
        }

        var (fps, tps) = BinaryCurve(y, scores);
        if (fps.Length > 2)
        {
            var keepF = new List<double> { fps[0] };
            var keepT = new List<double> { tps[0] };
            for (var i = 1; i < fps.Length - 1; i++)
            {
                var d2f = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
                var d2t = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
                if (d2f != 0 || d2t != 0)
                {
                    keepF.Add(fps[i]);
                    keepT.Add(tps[i]);
                }
            }

            keepF.Add(fps[^1]);
            keepT.Add(tps[^1]);
            fps = [.. keepF];
            tps = [.. keepT];
        }

        var n = fps.Length + 1;
        var fpr = new double[n];
        var tpr = new double[n];
        for (var i = 1; i < n; i++)
        {
            fpr[i] = fps[i - 1] / fps[^1];
            tpr[i] = tps[i - 1] / tps[^1];
        }

        var areas = new double[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            areas[i] = (fpr[i + 1] - fpr[i]) * (tpr[i + 1] + tpr[i]) / 2.0;
        }

        return NumpyMath.Sum(areas);
    }

    private static void CheckFinite(double v, string field)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            throw CairnException.Invalid(field, "must be a finite number (NaN and infinity are not scores)");
        }
    }
}

using Cairn.Core.Errors;
using Cairn.Evaluation.Numerics;

namespace Cairn.Evaluation.Classification;

/// <summary>A confusion matrix: rows are true classes, columns predicted classes, both in <see cref="Labels"/> order.</summary>
public sealed record ConfusionMatrix(string[] Labels, long[][] Matrix);

/// <summary>
/// scikit-learn's metrics over predicted labels: accuracy, balanced accuracy, precision, recall, F1 and F-beta
/// (binary, micro, macro, weighted), the confusion matrix, Matthews correlation and Cohen's kappa.
/// </summary>
public sealed class LabelMetrics
{
    private readonly int[] _t;
    private readonly int[] _p;

    /// <summary>Pairs true <paramref name="labels"/> with <paramref name="predictions"/>; <paramref name="numeric"/> when both are numbers.</summary>
    public LabelMetrics(IReadOnlyList<string> labels, IReadOnlyList<string> predictions, bool numeric)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        ClassLabels.CheckPaired(labels.Count, predictions.Count, "predictions");
        Classes = ClassLabels.Of(numeric, labels, predictions);
        _t = Classes.Encode(labels);
        _p = Classes.Encode(predictions);
        Confusion = new long[Classes.Count][];
        for (var i = 0; i < Classes.Count; i++)
        {
            Confusion[i] = new long[Classes.Count];
        }

        for (var i = 0; i < _t.Length; i++)
        {
            Confusion[_t[i]][_p[i]]++;
        }
    }

    public ClassLabels Classes { get; }

    public long[][] Confusion { get; }

    public int Count => _t.Length;

    public ConfusionMatrix ConfusionMatrix() => new(Classes.Classes, Confusion.Select(r => (long[])r.Clone()).ToArray());

    public double Accuracy()
    {
        long correct = 0;
        for (var i = 0; i < _t.Length; i++)
        {
            correct += _t[i] == _p[i] ? 1 : 0;
        }

        return (double)correct / _t.Length;
    }

    public double BalancedAccuracy(bool adjusted)
    {
        var perClass = new List<double>();
        for (var c = 0; c < Classes.Count; c++)
        {
            var support = Confusion[c].Sum();
            if (support > 0)
            {
                perClass.Add((double)Confusion[c][c] / support);
            }
        }

        var score = NumpyMath.Mean(perClass.ToArray());
        if (adjusted)
        {
            var chance = 1.0 / perClass.Count;
            score -= chance;
            score /= 1 - chance;
        }

        return score;
    }

    /// <summary>Precision, recall or F-beta with scikit-learn's averaging and <c>zero_division</c> (0 or 1).</summary>
    public double PrecisionRecallF(string metric, string average, string? posLabel, double beta, double zeroDivision)
    {
        var k = Classes.Count;
        var tp = new double[k];
        var fp = new double[k];
        var fn = new double[k];
        for (var c = 0; c < k; c++)
        {
            tp[c] = Confusion[c][c];
            for (var o = 0; o < k; o++)
            {
                if (o != c)
                {
                    fp[c] += Confusion[o][c];
                    fn[c] += Confusion[c][o];
                }
            }
        }

        int[] chosen;
        switch (average)
        {
            case "binary":
                if (k > 2)
                {
                    throw CairnException.Invalid("options.average", $"the labels have {k} classes, so average 'binary' does not apply; use micro, macro or weighted");
                }

                posLabel ??= "1";
                var pos = Classes.IndexOf(posLabel);
                if (pos < 0)
                {
                    if (k >= 2)
                    {
                        throw CairnException.Invalid("options.pos_label", $"'{posLabel}' is not a valid label; it should be one of {string.Join(", ", Classes.Classes)}");
                    }

                    return Pick(Scores(0, 0, 0)); // the positive class never occurs: every ratio is 0/0
                }

                return Pick(Scores(tp[pos], tp[pos] + fp[pos], tp[pos] + fn[pos]));
            case "micro":
                return Pick(Scores(tp.Sum(), tp.Sum() + fp.Sum(), tp.Sum() + fn.Sum()));
            case "macro" or "weighted":
                chosen = Enumerable.Range(0, k).ToArray();
                break;
            default:
                throw CairnException.Invalid("options.average", $"'{average}' is not one of binary, micro, macro, weighted");
        }

        var values = chosen.Select(c => Pick(Scores(tp[c], tp[c] + fp[c], tp[c] + fn[c]))).ToArray();
        if (average == "macro")
        {
            return NumpyMath.Mean(values);
        }

        // scikit-learn 1.2: with no true samples at all, weighted precision is 0 unless nothing was predicted either.
        var weights = chosen.Select(c => tp[c] + fn[c]).ToArray();
        var wsum = NumpyMath.Sum(weights);
        if (wsum == 0)
        {
            var predicted = chosen.Sum(c => tp[c] + fp[c]);
            return predicted == 0 || metric == "recall" ? zeroDivision : 0.0;
        }

        var products = values.Select((s, i) => s * weights[i]).ToArray();
        return NumpyMath.Sum(products) / wsum;

        // scikit-learn 1.2's precision_recall_fscore_support for one class (or the micro sums).
        (double P, double R, double F) Scores(double t, double predSum, double trueSum)
        {
            var p = predSum == 0 ? zeroDivision : t / predSum;
            var r = trueSum == 0 ? zeroDivision : t / trueSum;
            if (double.IsPositiveInfinity(beta))
            {
                return (p, r, r);
            }

            var b2 = beta * beta;
            var denom = (b2 * p) + r;
            if (denom == 0.0)
            {
                denom = 1;
            }

            return (p, r, (1 + b2) * p * r / denom);
        }

        double Pick((double P, double R, double F) s) => metric switch
        {
            "precision" => s.P,
            "recall" => s.R,
            _ => s.F,
        };
    }

    /// <summary>scikit-learn's <c>matthews_corrcoef</c>.</summary>
    public double MatthewsCorrelation()
    {
        var k = Classes.Count;
        var tSum = new double[k];
        var pSum = new double[k];
        double correct = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                tSum[i] += Confusion[i][j];
                pSum[j] += Confusion[i][j];
            }

            correct += Confusion[i][i];
        }

        double n = _t.Length, tp = 0, pp = 0, tt = 0;
        for (var i = 0; i < k; i++)
        {
            tp += tSum[i] * pSum[i];
            pp += pSum[i] * pSum[i];
            tt += tSum[i] * tSum[i];
        }

        var covYtYp = (correct * n) - tp;
        var covYpYp = (n * n) - pp;
        var covYtYt = (n * n) - tt;
        return covYpYp * covYtYt == 0 ? 0.0 : covYtYp / Math.Sqrt(covYtYt * covYpYp);
    }

    /// <summary>scikit-learn's <c>cohen_kappa_score</c> with weights null, <c>linear</c> or <c>quadratic</c>.</summary>
    public double CohenKappa(string? weights)
    {
        if (weights is not (null or "linear" or "quadratic"))
        {
            throw CairnException.Invalid("options.weights", $"'{weights}' is not one of null, linear, quadratic");
        }

        var k = Classes.Count;
        var sum0 = new double[k];
        var sum1 = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                sum0[j] += Confusion[i][j];
                sum1[i] += Confusion[i][j];
            }
        }

        var total = sum0.Sum();
        var observed = new double[k * k];
        var expected = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                double w = weights switch
                {
                    null => i == j ? 0 : 1,
                    "linear" => Math.Abs(i - j),
                    _ => (i - j) * (i - j),
                };
                observed[(i * k) + j] = w * Confusion[i][j];
                expected[(i * k) + j] = w * (sum0[i] * sum1[j] / total);
            }
        }

        return 1 - (NumpyMath.Sum(observed) / NumpyMath.Sum(expected));
    }
}

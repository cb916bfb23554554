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

                    return Score(0, 0, 0); // the positive class never occurs: every ratio is 0/0
                }

                chosen = [pos];
                break;
            case "micro":
                return Score(tp.Sum(), fp.Sum(), fn.Sum());
            case "macro" or "weighted":
                chosen = Enumerable.Range(0, k).ToArray();
                break;
            default:
                throw CairnException.Invalid("options.average", $"'{average}' is not one of binary, micro, macro, weighted");
        }

        if (chosen.Length == 1 && average == "binary")
        {
            return Score(tp[chosen[0]], fp[chosen[0]], fn[chosen[0]]);
        }

        var scores = chosen.Select(c => Score(tp[c], fp[c], fn[c])).ToArray();
        if (average == "macro")
        {
            return NumpyMath.Mean(scores);
        }

        var weights = chosen.Select(c => tp[c] + fn[c]).ToArray();
        var wsum = NumpyMath.Sum(weights);
        if (wsum == 0)
        {
            return zeroDivision;
        }

        var products = scores.Select((s, i) => s * weights[i]).ToArray();
        return NumpyMath.Sum(products) / wsum;

        double Score(double t, double f, double n)
        {
            var precision = Divide(t, t + f);
            var recall = Divide(t, t + n);
            return metric switch
            {
                "precision" => precision,
                "recall" => recall,
                _ => FBeta(t, f, n),
            };
        }

        double FBeta(double t, double f, double n)
        {
            if (double.IsPositiveInfinity(beta))
            {
                return Divide(t, t + n);
            }

            var b2 = beta * beta;
            return Divide((1 + b2) * t, ((1 + b2) * t) + (b2 * n) + f);
        }

        double Divide(double num, double den) => den == 0 ? zeroDivision : num / den;
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

using Cairn.Core.Errors;
using Cairn.Evaluation.Numerics;

namespace Cairn.Evaluation.Regression;

/// <summary>scikit-learn's regression metrics, single output: MAE, MSE, RMSE, R², MAPE, median absolute error, explained variance.</summary>
public static class RegressionMetrics
{
    public static readonly string[] Names = ["mae", "mse", "rmse", "r2", "mape", "median_absolute_error", "explained_variance"];

    public static double Compute(string metric, IReadOnlyList<double> labels, IReadOnlyList<double> predictions)
    {
        Check(labels, predictions);
        var n = labels.Count;
        var t = labels.ToArray();
        var p = predictions.ToArray();
        double[] Map(Func<int, double> f)
        {
            var a = new double[n];
            for (var i = 0; i < n; i++)
            {
                a[i] = f(i);
            }

            return a;
        }

        switch (metric)
        {
            case "mae":
                return NumpyMath.Mean(Map(i => Math.Abs(p[i] - t[i])));
            case "mse":
                return NumpyMath.Mean(Map(i => (t[i] - p[i]) * (t[i] - p[i])));
            case "rmse":
                return Math.Sqrt(NumpyMath.Mean(Map(i => (t[i] - p[i]) * (t[i] - p[i]))));
            case "mape":
                return NumpyMath.Mean(Map(i => Math.Abs(p[i] - t[i]) / Math.Max(Math.Abs(t[i]), 2.220446049250313e-16)));
            case "median_absolute_error":
                var abs = Map(i => Math.Abs(p[i] - t[i]));
                Array.Sort(abs);
                return n % 2 == 1 ? abs[n / 2] : NumpyMath.Mean(abs.AsSpan((n / 2) - 1, 2));
            case "r2":
                {
                    if (n < 2)
                    {
                        throw CairnException.Invalid("labels", "R² is not well-defined with fewer than two samples");
                    }

                    var num = NumpyMath.Sum(Map(i => (t[i] - p[i]) * (t[i] - p[i])));
                    var mean = NumpyMath.Mean(t);
                    var den = NumpyMath.Sum(Map(i => (t[i] - mean) * (t[i] - mean)));
                    return Assemble(num, den);
                }

            case "explained_variance":
                {
                    var diffAvg = NumpyMath.Mean(Map(i => t[i] - p[i]));
                    var num = NumpyMath.Mean(Map(i => (t[i] - p[i] - diffAvg) * (t[i] - p[i] - diffAvg)));
                    var mean = NumpyMath.Mean(t);
                    var den = NumpyMath.Mean(Map(i => (t[i] - mean) * (t[i] - mean)));
                    return Assemble(num, den);
                }

            default:
                throw CairnException.Invalid("metric", $"'{metric}' is not a regression metric");
        }
    }

    // scikit-learn's force_finite: a perfect fit of constant labels is 1, an imperfect one 0.
    private static double Assemble(double numerator, double denominator)
    {
        if (denominator != 0 && numerator != 0)
        {
            return 1 - (numerator / denominator);
        }

        return numerator != 0 ? 0.0 : 1.0;
    }

    private static void Check(IReadOnlyList<double> labels, IReadOnlyList<double> predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (labels.Count == 0)
        {
            throw CairnException.Invalid("labels", "is empty; give at least one value");
        }

        if (labels.Count != predictions.Count)
        {
            throw CairnException.Invalid("predictions", $"has {predictions.Count} values for {labels.Count} labels; they must be the same length");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (!double.IsFinite(labels[i]))
            {
                throw CairnException.Invalid($"labels[{i}]", "must be a finite number");
            }

            if (!double.IsFinite(predictions[i]))
            {
                throw CairnException.Invalid($"predictions[{i}]", "must be a finite number");
            }
        }
    }
}

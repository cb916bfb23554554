using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Evaluation.Numerics;

namespace Cairn.Evaluation.Text;

/// <summary>
/// rouge-score's <c>BootstrapAggregator</c>: for each ROUGE type in order, <c>n_samples</c> resamples of the items
/// with replacement, the mean of each, and the low / mid / high percentiles of those means. rouge-score draws
/// from NumPy's global generator; here <c>seed</c> stands for <c>np.random.seed(seed)</c> called just before
/// <c>aggregate()</c>, which makes the interval reproducible and equal to NumPy's.
/// </summary>
public static class RougeBootstrap
{
    public static JsonObject Aggregate(Dictionary<string, RougeScore>[] scores, IReadOnlyList<string> types, int samples, double confidence, int seed)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(types);
        if (samples is < 1 or > 100_000)
        {
            throw CairnException.Invalid("options.n_samples", "must be between 1 and 100000");
        }

        if (double.IsNaN(confidence) || confidence is < 0 or > 1)
        {
            throw CairnException.Invalid("options.confidence_interval", "must be between 0 and 1");
        }

        if (seed < 0)
        {
            throw CairnException.Invalid("options.seed", "must be at least 0");
        }

        var rng = new LegacyMt19937((uint)seed);
        var n = scores.Length;
        var delta = (1 - confidence) / 2;
        double[] quantiles = [100 * delta / 100, 100 * 0.5 / 100, 100 * (1 - delta) / 100];
        var result = new JsonObject();
        foreach (var type in types)
        {
            var means = new double[3][];
            for (var m = 0; m < 3; m++)
            {
                means[m] = new double[samples];
            }

            for (var s = 0; s < samples; s++)
            {
                double p = 0, r = 0, f = 0;
                for (var i = 0; i < n; i++)
                {
                    var x = scores[rng.Below(n)][type];
                    p += x.Precision;
                    r += x.Recall;
                    f += x.FMeasure;
                }

                means[0][s] = p / n;
                means[1][s] = r / n;
                means[2][s] = f / n;
            }

            var bounds = new JsonObject();
            string[] names = ["low", "mid", "high"];
            foreach (var m in means)
            {
                Array.Sort(m);
            }

            for (var q = 0; q < 3; q++)
            {
                bounds[names[q]] = new JsonObject
                {
                    ["precision"] = NumpyMath.QuantileOfSorted(means[0], quantiles[q]),
                    ["recall"] = NumpyMath.QuantileOfSorted(means[1], quantiles[q]),
                    ["fmeasure"] = NumpyMath.QuantileOfSorted(means[2], quantiles[q]),
                };
            }

            result[type] = bounds;
        }

        return result;
    }
}

namespace Cairn.Guardrails.Injection;

/// <summary>A labelled training example: sparse features, 1 for an injection, 0 for benign.</summary>
public sealed record TrainingExample((int[] Index, float[] Value) Features, int Label);

/// <summary>
/// Fits <see cref="InjectionModel"/>'s weights: L2-regularised logistic regression by AdaGrad stochastic gradient
/// descent, classes weighted to count equally, examples visited in an order drawn from a seeded generator, so the
/// same data and seed give the same model bit for bit.
/// </summary>
public static class LogisticRegressionTrainer
{
    public static InjectionModel Train(IReadOnlyList<TrainingExample> examples, int size, int epochs = 30, double rate = 0.5, double l2 = 1e-6, int seed = 20261122)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("no examples", nameof(examples));
        }

        var w = new double[size];
        var g2 = new double[size];
        double b = 0, gb2 = 0;
        var positives = examples.Count(e => e.Label == 1);
        var negatives = examples.Count - positives;
        var classWeight = new[] { examples.Count / (2.0 * Math.Max(1, negatives)), examples.Count / (2.0 * Math.Max(1, positives)) };
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var k in order)
            {
                var (index, value) = examples[k].Features;
                var z = b;
                for (var i = 0; i < index.Length; i++)
                {
                    z += w[index[i]] * value[i];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var error = (p - examples[k].Label) * classWeight[examples[k].Label];
                for (var i = 0; i < index.Length; i++)
                {
                    var j = index[i];
                    var g = (error * value[i]) + (l2 * w[j]);
                    g2[j] += g * g;
                    w[j] -= rate * g / Math.Sqrt(g2[j] + 1e-8);
                }

                gb2 += error * error;
                b -= rate * error / Math.Sqrt(gb2 + 1e-8);
            }
        }

        return new InjectionModel(w.Select(x => (float)(Half)x).ToArray(), (float)b);
    }
}

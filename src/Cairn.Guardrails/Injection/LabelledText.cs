using System.Text.Json;

namespace Cairn.Guardrails.Injection;

/// <summary>A line of the labelled injection set: the text, injection or benign, its language and kind.</summary>
public sealed record LabelledText(string Text, bool Injection, string Lang, string Kind)
{
    /// <summary>Reads JSON lines of <c>{"text", "label": "injection"|"benign", "lang", "kind"}</c>.</summary>
    public static List<LabelledText> ReadJsonLines(string path)
    {
        var list = new List<LabelledText>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var label = root.GetProperty("label").GetString();
            if (label is not ("injection" or "benign"))
            {
                throw new InvalidDataException($"{path}:{number}: label must be 'injection' or 'benign'");
            }

            list.Add(new LabelledText(
                root.GetProperty("text").GetString() ?? "",
                label == "injection",
                root.TryGetProperty("lang", out var l) ? l.GetString() ?? "" : "",
                root.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : ""));
        }

        return list;
    }
}

/// <summary>Trains the classifier on labelled texts and measures a detector on held-out ones.</summary>
public static class InjectionTraining
{
    /// <summary>
    /// The examples a labelled text gives: its whole view, and for a long text its stretches — every stretch of a
    /// benign text as benign, and of an injection the stretches where a signature fired — then not the whole,
    /// for the rest of a poisoned document is ordinary text and is not taught as an attack.
    /// </summary>
    public static List<TrainingExample> Examples(IEnumerable<LabelledText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var examples = new List<TrainingExample>();
        foreach (var t in texts)
        {
            var views = InjectionDetector.Views(t.Text, out _, out _, out _);
            var label = t.Injection ? 1 : 0;
            var stretches = views.Skip(1).Where(v => v.Layer == "text").ToList();
            var signed = stretches.Where(v => v.Signed).ToList();
            if (!t.Injection || signed.Count == 0 || stretches.Count == 0)
            {
                examples.Add(new TrainingExample(views[0].Features, label));
            }

            foreach (var v in views.Skip(1))
            {
                if (!t.Injection || v.Signed || v.Layer != "text")
                {
                    examples.Add(new TrainingExample(v.Features, label));
                }
            }
        }

        return examples;
    }

    public static InjectionModel Train(IEnumerable<LabelledText> texts, int epochs = 30, int seed = 20261122) =>
        LogisticRegressionTrainer.Train(Examples(texts), InjectionFeatures.Size, epochs, seed: seed);

    /// <summary>Precision, recall and false-positive rate of <paramref name="detector"/> on <paramref name="texts"/>, overall and by kind and language.</summary>
    public static InjectionScore Measure(InjectionDetector detector, IReadOnlyList<LabelledText> texts, double threshold = InjectionDetector.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(texts);
        var flagged = texts.Select(t => detector.Detect(t.Text, threshold).Flagged).ToArray();
        InjectionCounts Count(Func<LabelledText, bool> which)
        {
            int tp = 0, fp = 0, fn = 0, tn = 0;
            for (var i = 0; i < texts.Count; i++)
            {
                if (!which(texts[i]))
                {
                    continue;
                }

                (tp, fp, fn, tn) = (texts[i].Injection, flagged[i]) switch
                {
                    (true, true) => (tp + 1, fp, fn, tn),
                    (false, true) => (tp, fp + 1, fn, tn),
                    (true, false) => (tp, fp, fn + 1, tn),
                    _ => (tp, fp, fn, tn + 1),
                };
            }

            return new InjectionCounts(tp, fp, fn, tn);
        }

        var misses = texts.Where((t, i) => t.Injection != flagged[i]).ToList();
        return new InjectionScore(
            Count(_ => true),
            texts.Select(t => t.Kind).Distinct().Order(StringComparer.Ordinal).ToDictionary(k => k, k => Count(t => t.Kind == k)),
            texts.Select(t => t.Lang).Distinct().Order(StringComparer.Ordinal).ToDictionary(l => l, l => Count(t => t.Lang == l)),
            Count(t => !t.Injection && t.Kind.StartsWith("lookalike", StringComparison.Ordinal)),
            misses);
    }
}

/// <summary>A confusion matrix and what follows from it.</summary>
public sealed record InjectionCounts(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);

    public int Count => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
}

/// <summary>The detector's figures on a labelled set; <see cref="LookAlikes"/> counts only the benign look-alikes.</summary>
public sealed record InjectionScore(InjectionCounts Overall, IReadOnlyDictionary<string, InjectionCounts> ByKind, IReadOnlyDictionary<string, InjectionCounts> ByLanguage, InjectionCounts LookAlikes, IReadOnlyList<LabelledText> Errors);

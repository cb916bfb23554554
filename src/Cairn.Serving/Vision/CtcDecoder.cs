using System.Text;

namespace Cairn.Serving.Vision;

/// <summary>
/// Greedy CTC decoding (Graves et al., 2006) over a recogniser's per-step class probabilities: the most likely
/// class at every step, repeats collapsed, the blank (class 0) dropped. Class i ≥ 1 is the vocabulary's entry i−1.
/// </summary>
public sealed class CtcDecoder
{
    private readonly string[] _vocabulary;

    /// <param name="vocabulary">The characters of classes 1…n, in order.</param>
    public CtcDecoder(IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = [.. vocabulary];
    }

    /// <summary>Classes the model must have: the vocabulary plus the blank.</summary>
    public int Classes => _vocabulary.Length + 1;

    /// <summary>
    /// Reads a PaddleOCR-style dictionary (one character per line): its classes follow the blank, and a space
    /// is appended when the model has one class more than blank and dictionary (PaddleOCR's <c>use_space_char</c>).
    /// </summary>
    public static CtcDecoder FromDictionary(string text, int modelClasses)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (modelClasses == lines.Count + 2)
        {
            lines.Add(" ");
        }

        return modelClasses == lines.Count + 1
            ? new CtcDecoder(lines)
            : throw new InvalidDataException($"the dictionary has {lines.Count} entries but the model has {modelClasses} classes (a blank, the entries, and optionally a space)");
    }

    /// <summary>Decodes one sequence of <paramref name="steps"/> × <see cref="Classes"/> probabilities; the confidence is the mean probability of the kept steps.</summary>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int steps)
    {
        var classes = Classes;
        var text = new StringBuilder();
        double sum = 0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != 0 && best != previous)
            {
                text.Append(_vocabulary[best - 1]);
                sum += row[best];
                kept++;
            }

            previous = best;
        }

        return (text.ToString(), kept == 0 ? 0f : (float)(sum / kept));
    }
}

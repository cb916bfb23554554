using System.Buffers;
using Cairn.Core.Errors;

namespace Cairn.Guardrails.Pii;

/// <summary>
/// Runs the recognizers over a text, raises the score of a match that a context word of its recognizer precedes
/// (within five words, any of the four languages), keeps the best of overlapping matches (higher score, then
/// longer), and drops what falls under the threshold.
/// </summary>
public sealed class PiiAnalyzer(IReadOnlyList<IPiiRecognizer> recognizers)
{
    /// <summary>Largest text analyzed (1 MiB of UTF-16); the API answers 413 beyond its own limit first.</summary>
    public const int MaxLength = 1 << 20;

    public const double ContextBoost = 0.35;

    public static PiiAnalyzer Default { get; } = new(Recognizers.All);

    /// <summary>The recognizers, in the order they run.</summary>
    public IReadOnlyList<IPiiRecognizer> AllRecognizers => recognizers;

    public IReadOnlyList<string> Entities { get; } = recognizers.SelectMany(r => r.Entities).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    // Each recognizer's context words in lower case, and a multi-string search over them (one vectorized pass per window).
    private readonly (SearchValues<string> Any, string[] Words)[] _context = recognizers.Select(r =>
    {
        var words = r.Context.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        return (SearchValues.Create(words, StringComparison.Ordinal), words);
    }).ToArray();

    public IReadOnlyList<PiiEntity> Analyze(string text, IReadOnlyCollection<string>? entities = null, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw CairnException.Invalid("text", $"is {text.Length:N0} characters; at most {MaxLength:N0} are analyzed at once");
        }

        if (entities is not null)
        {
            foreach (var e in entities)
            {
                if (!Entities.Contains(e, StringComparer.Ordinal))
                {
                    throw CairnException.Invalid("entities", $"'{e}' is not an entity type; known: {string.Join(", ", Entities)}");
                }
            }
        }

        var found = new List<PiiEntity>();
        var lower = new Lazy<string>(() => text.ToLowerInvariant());
        for (var r = 0; r < recognizers.Count; r++)
        {
            var recognizer = recognizers[r];
            if (entities is not null && !recognizer.Entities.Any(entities.Contains))
            {
                continue;
            }

            var start = found.Count;
            recognizer.Analyze(text, found);
            for (var i = start; i < found.Count; i++)
            {
                if (found[i].Score < 1.0 && HasContext(lower.Value, found[i].Start, found[i].End, _context[r]))
                {
                    found[i] = found[i] with { Score = Math.Min(1.0, found[i].Score + ContextBoost) };
                }
            }
        }

        // Best first; a span is kept when none of its characters is taken yet (linear in the text covered).
        var taken = new bool[text.Length];
        var kept = new List<PiiEntity>();
        foreach (var e in found.Where(e => e.Score >= threshold && (entities is null || entities.Contains(e.Type)))
                     .OrderByDescending(e => e.Score).ThenByDescending(e => e.End - e.Start).ThenBy(e => e.Start))
        {
            if (Array.IndexOf(taken, true, e.Start, e.End - e.Start) >= 0)
            {
                continue;
            }

            Array.Fill(taken, true, e.Start, e.End - e.Start);
            kept.Add(e);
        }

        return kept.OrderBy(e => e.Start).ToList();
    }

    // A context word, as a whole word, among the (up to) five words and 80 characters before the match, or the
    // (up to) four words and 40 characters after it ("lists 0803 610 1629 as a mobile number").
    private static bool HasContext(string lower, int start, int end, (SearchValues<string> Any, string[] Words) context)
    {
        var limit = Math.Max(0, start - 80);
        var from = start;
        var seen = 0;
        while (from > limit && seen < 6)
        {
            from--;
            if (char.IsWhiteSpace(lower[from]) && from > 0 && !char.IsWhiteSpace(lower[from - 1]))
            {
                seen++;
            }
        }

        if (Contains(lower.AsSpan(from, start - from), context))
        {
            return true;
        }

        var to = end;
        seen = 0;
        var stop = Math.Min(lower.Length, end + 40);
        while (to < stop && seen < 5)
        {
            if (char.IsWhiteSpace(lower[to]) && to + 1 < lower.Length && !char.IsWhiteSpace(lower[to + 1]))
            {
                seen++;
            }

            to++;
        }

        return Contains(lower.AsSpan(end, to - end), context);
    }

    private static bool Contains(ReadOnlySpan<char> window, (SearchValues<string> Any, string[] Words) context)
    {
        for (var at = window.IndexOfAny(context.Any); at >= 0;)
        {
            foreach (var word in context.Words)
            {
                var end = at + word.Length;
                if (window[at..].StartsWith(word, StringComparison.Ordinal)
                    && (at == 0 || !char.IsLetterOrDigit(window[at - 1])) && (end >= window.Length || !char.IsLetterOrDigit(window[end])))
                {
                    return true;
                }
            }

            var next = window[(at + 1)..].IndexOfAny(context.Any);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }
}

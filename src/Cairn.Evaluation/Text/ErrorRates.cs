using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>jiwer's measures over a corpus, with the alignment counts they come from.</summary>
public sealed record ErrorRateResult(double Wer, double Mer, double Wil, double Wip, AlignmentCounts Counts, int ReferenceLength, int HypothesisLength);

/// <summary>
/// WER, MER, WIL, WIP (jiwer's <c>process_words</c>) and CER (<c>process_characters</c>) with jiwer 4's default
/// transforms: for words, runs of two or more whitespace characters become one space, the ends are stripped
/// and the text is split on single spaces; for characters, the ends are stripped and every code point counts,
/// spaces included. Counts are summed over the corpus before the rates are taken. An empty reference is
/// allowed, as in jiwer 4: its WER is the number of insertions.
/// </summary>
public static class ErrorRates
{
    /// <summary>Word-level measures.</summary>
    public static ErrorRateResult Words(IReadOnlyList<string> predictions, IReadOnlyList<string> references)
    {
        Check(predictions, references);
        var counts = new AlignmentCounts[references.Count];
        var refLengths = new int[references.Count];
        var hypLengths = new int[references.Count];

        // Words are numbered per worker: an alignment only compares the words of one reference with its hypothesis.
        CorpusInput.ForEachSlice(references.Count, () => (Words: new TokenTable(), Aligner: new LevenshteinAlignment(1024), Buffer: new List<int>(64)), (w, i) =>
        {
            if (w.Words.Count > 2_000_000)
            {
                w.Words.Clear();
            }

            var r = WordIds(references[i], w.Words, w.Buffer);
            var h = WordIds(predictions[i], w.Words, w.Buffer);
            w.Aligner.EnsureVocabulary(w.Words.Count);
            counts[i] = w.Aligner.Align(r, h) ?? throw CairnException.Invalid($"predictions[{i}]",
                $"is too long to align with its reference ({h.Length:N0} × {r.Length:N0} words, after their common start and end); split it into sentences or pages");
            refLengths[i] = r.Length;
            hypLengths[i] = h.Length;
        });
        return Rates(counts, refLengths.Sum(), hypLengths.Sum());
    }

    /// <summary>Character-level measures; <see cref="ErrorRateResult.Wer"/> is then the CER.</summary>
    public static ErrorRateResult Characters(IReadOnlyList<string> predictions, IReadOnlyList<string> references)
    {
        Check(predictions, references);
        var dense = new Dictionary<int, int>();
        int[] Dense(string s)
        {
            var cps = PyText.CodePoints(PyText.Strip(s));
            for (var i = 0; i < cps.Length; i++)
            {
                if (!dense.TryGetValue(cps[i], out var id))
                {
                    dense[cps[i]] = id = dense.Count;
                }

                cps[i] = id;
            }

            return cps;
        }

        var refs = references.Select(Dense).ToArray();
        var hyps = predictions.Select(Dense).ToArray();
        return Measure(refs, hyps, dense.Count);
    }

    /// <summary>jiwer's <c>wer_default</c>: <c>\s\s+</c> → one space, strip, split on spaces, drop empty words.</summary>
    public static string[] WordTokens(string sentence)
    {
        var words = new List<string>();
        foreach (var (start, length) in WordSpans(sentence))
        {
            words.Add(sentence.Substring(start, length));
        }

        return [.. words];
    }

    // The same words as spans: after stripping, a separator is a plain space or a run of two or more whitespace
    // characters; a lone tab (or other non-space whitespace) between two words stays inside the word.
    private static List<(int Start, int Length)> WordSpans(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        int a = 0, b = s.Length;
        while (a < b && PyText.IsSpace(s[a]))
        {
            a++;
        }

        while (b > a && PyText.IsSpace(s[b - 1]))
        {
            b--;
        }

        var spans = new List<(int, int)>();
        var start = a;
        var i = a;
        while (i < b)
        {
            if (!PyText.IsSpace(s[i]))
            {
                i++;
                continue;
            }

            var run = i;
            while (run < b && PyText.IsSpace(s[run]))
            {
                run++;
            }

            if (run - i >= 2 || s[i] == ' ')
            {
                if (i > start)
                {
                    spans.Add((start, i - start));
                }

                start = run;
            }

            i = run;
        }

        if (b > start)
        {
            spans.Add((start, b - start));
        }

        return spans;
    }

    private static int[] WordIds(string s, TokenTable words, List<int> buffer)
    {
        buffer.Clear();
        foreach (var (start, length) in WordSpans(s))
        {
            buffer.Add(words.Get(s.AsSpan(start, length), out _));
        }

        return [.. buffer];
    }

    private static ErrorRateResult Measure(int[][] refs, int[][] hyps, int vocabulary)
    {
        var counts = new AlignmentCounts[refs.Length];
        CorpusInput.ForEachSlice(refs.Length, () => new LevenshteinAlignment(vocabulary), (a, i) =>
        {
            counts[i] = a.Align(refs[i], hyps[i]) ?? throw CairnException.Invalid($"predictions[{i}]",
                $"is too long to align with its reference ({hyps[i].Length:N0} × {refs[i].Length:N0} tokens, after their common start and end); split it into sentences or pages");
        });
        return Rates(counts, refs.Sum(r => r.Length), hyps.Sum(h => h.Length));
    }

    private static ErrorRateResult Rates(AlignmentCounts[] counts, int refWords, int hypWords)
    {
        var total = default(AlignmentCounts);
        foreach (var c in counts)
        {
            total += c;
        }

        var (h, s, d, n) = (total.Hits, total.Substitutions, total.Deletions, total.Insertions);
        double wer, mer, wip;
        if (refWords == 0)
        {
            wer = n;
            (mer, wip) = hypWords == 0 ? (0.0, 1.0) : (1.0, 0.0);
        }
        else
        {
            wer = (double)(s + d + n) / (h + s + d);
            mer = (double)(s + d + n) / (h + s + d + n);
            wip = hypWords >= 1 ? ((double)h / refWords) * ((double)h / hypWords) : 0;
        }

        return new ErrorRateResult(wer, mer, 1 - wip, wip, total, refWords, hypWords);
    }

    private static void Check(IReadOnlyList<string> predictions, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(references);
        CorpusInput.Check(predictions, references.Select(r => (IReadOnlyList<string>)[r]).ToArray());
    }
}

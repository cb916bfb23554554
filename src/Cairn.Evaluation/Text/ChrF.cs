using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>Options of chrF, named and defaulted as sacreBLEU's <c>CHRF(...)</c>; <c>word_order</c> 2 is chrF++.</summary>
public sealed record ChrFOptions
{
    public int CharOrder { get; init; } = 6;
    public int WordOrder { get; init; }
    public double Beta { get; init; } = 2;
    public bool Lowercase { get; init; }
    public bool Whitespace { get; init; }
    public bool EpsSmoothing { get; init; }
}

/// <summary>A chrF score (0–100) with the signature sacreBLEU prints.</summary>
public sealed record ChrFScore(double Score, string Name, string Signature);

/// <summary>
/// chrF and chrF++ exactly as sacreBLEU computes them: character n-grams over code points with whitespace
/// removed (unless asked to keep it), word n-grams after chrF's punctuation split, the best reference by
/// F-score per segment, statistics summed over the corpus, and sacreBLEU's effective-order averaging (or
/// the epsilon smoothing of chrF++.py when asked).
/// </summary>
public static class ChrF
{
    private const string Puncts = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Corpus chrF.</summary>
    public static ChrFScore Corpus(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, ChrFOptions options)
    {
        var stats = Statistics(predictions, references, options);
        var sum = new long[stats[0].Length];
        foreach (var s in stats)
        {
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += s[k];
            }
        }

        return new ChrFScore(FScore(sum, options), Name(options), Signature(options, references));
    }

    /// <summary>One chrF per prediction (sacreBLEU's <c>sentence_score</c>).</summary>
    public static ChrFScore[] Sentences(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, ChrFOptions options)
    {
        var stats = Statistics(predictions, references, options);
        return stats.Select((s, i) => new ChrFScore(FScore(s, options), Name(options), Signature(options, [references[i]]))).ToArray();
    }

    /// <summary>Per segment, <c>[hyp, ref, match]</c> for each character order then each word order.</summary>
    public static long[][] Statistics(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, ChrFOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        CorpusInput.Check(predictions, references);
        var stats = new long[predictions.Count][];
        CorpusInput.ForEachSlice(predictions.Count, () => new Worker(options), (w, i) =>
        {
            if (w.Interner.Count > 4_000_000)
            {
                w.Interner.Clear();
            }

            stats[i] = w.Segment(predictions[i], references[i]);
        });
        return stats;
    }

    /// <summary>sacreBLEU's <c>_compute_f_score</c>.</summary>
    public static double FScore(long[] statistics, ChrFOptions options)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(options);
        const double eps = 1e-16;
        var order = options.CharOrder + options.WordOrder;
        var factor = options.Beta * options.Beta;
        double score = 0, avgPrec = 0, avgRec = 0;
        var effective = 0;
        for (var i = 0; i < order; i++)
        {
            long nHyp = statistics[3 * i], nRef = statistics[(3 * i) + 1], nMatch = statistics[(3 * i) + 2];
            var prec = nHyp > 0 ? (double)nMatch / nHyp : eps;
            var rec = nRef > 0 ? (double)nMatch / nRef : eps;
            var denom = (factor * prec) + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
            if (nHyp > 0 && nRef > 0)
            {
                avgPrec += prec;
                avgRec += rec;
                effective++;
            }
        }

        if (options.EpsSmoothing)
        {
            return 100 * score / order;
        }

        if (effective == 0)
        {
            avgPrec = avgRec = 0;
        }
        else
        {
            avgPrec /= effective;
            avgRec /= effective;
        }

        if (avgPrec + avgRec != 0)
        {
            var s = (1 + factor) * avgPrec * avgRec;
            s /= (factor * avgPrec) + avgRec;
            return 100 * s;
        }

        return 0.0;
    }

    /// <summary>The metric's name as sacreBLEU prints it: <c>chrF2</c>, <c>chrF2++</c>.</summary>
    public static string Name(ChrFOptions options) =>
        "chrF" + options.Beta.ToString(CultureInfo.InvariantCulture) + new string('+', options.WordOrder);

    /// <summary>e.g. <c>nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0</c>.</summary>
    public static string Signature(ChrFOptions options, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"nrefs:{Bleu.ReferenceCount(references)}|case:{(options.Lowercase ? "lc" : "mixed")}|eff:{(options.EpsSmoothing ? "no" : "yes")}|nc:{options.CharOrder}|nw:{options.WordOrder}|space:{(options.Whitespace ? "yes" : "no")}|version:{Bleu.SacreBleuVersion}";
    }

    /// <summary>chrF's word split: whitespace words, then one ASCII punctuation mark split off the end, or else the start.</summary>
    public static List<string> WordsWithPunctuationSplit(string sentence)
    {
        var words = new List<string>();
        foreach (var w in PyText.Split(sentence))
        {
            var cps = PyText.CodePoints(w);
            if (cps.Length == 1)
            {
                words.Add(w);
            }
            else if (cps[^1] < 128 && Puncts.Contains((char)cps[^1], StringComparison.Ordinal))
            {
                words.Add(w[..^1]);
                words.Add(w[^1..]);
            }
            else if (cps[0] < 128 && Puncts.Contains((char)cps[0], StringComparison.Ordinal))
            {
                words.Add(w[..1]);
                words.Add(w[1..]);
            }
            else
            {
                words.Add(w);
            }
        }

        return words;
    }

    private static void Validate(ChrFOptions o)
    {
        if (o.CharOrder is < 0 or > 32)
        {
            throw CairnException.Invalid("options.char_order", "must be between 0 and 32");
        }

        if (o.WordOrder is < 0 or > 16)
        {
            throw CairnException.Invalid("options.word_order", "must be between 0 and 16");
        }

        if (o.CharOrder + o.WordOrder == 0)
        {
            throw CairnException.Invalid("options.char_order", "char_order and word_order cannot both be 0");
        }

        if (double.IsNaN(o.Beta) || double.IsInfinity(o.Beta) || o.Beta < 0)
        {
            throw CairnException.Invalid("options.beta", "must be a finite number of at least 0");
        }
    }

    private sealed class Worker(ChrFOptions options)
    {
        public readonly NGramInterner Interner = new();
        private readonly NGramTable _chars = new();
        private readonly NGramTable _words = new();

        public long[] Segment(string hypothesis, IReadOnlyList<string> references)
        {
            var h = Prepare(hypothesis);
            _chars.SetHypothesis(h.Chars, options.CharOrder);
            if (options.WordOrder > 0)
            {
                _words.SetHypothesis(h.Words, options.WordOrder);
            }

            long[]? best = null;
            var bestF = -1.0;
            foreach (var reference in references)
            {
                var r = Prepare(reference);
                var stats = Match(h, r);
                var f = FScore(stats, options);
                if (f > bestF)
                {
                    bestF = f;
                    best = stats;
                }
            }

            return best!;
        }

        private (int[] Chars, int[] Words) Prepare(string sentence)
        {
            if (options.Lowercase)
            {
                sentence = PyText.Lower(sentence);
            }

            var chars = CharsOf(sentence, options.Whitespace);
            var words = options.WordOrder > 0 ? WordsWithPunctuationSplit(sentence).Select(w => Interner.Token(w)).ToArray() : [];
            return (chars, words);
        }

        // Code points, without Python whitespace unless it is kept.
        private static int[] CharsOf(string s, bool keepWhitespace)
        {
            var cps = new int[s.Length];
            var n = 0;
            for (var i = 0; i < s.Length; i++)
            {
                int cp = s[i];
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    cp = char.ConvertToUtf32(s[i], s[i + 1]);
                    i++;
                }
                else if (!keepWhitespace && PyText.IsSpace(cp))
                {
                    continue;
                }

                cps[n++] = cp;
            }

            return n == cps.Length ? cps : cps[..n];
        }

        private long[] Match((int[] Chars, int[] Words) h, (int[] Chars, int[] Words) r)
        {
            var co = options.CharOrder;
            var stats = new long[3 * (co + options.WordOrder)];
            Span<long> matches = stackalloc long[Math.Max(co, options.WordOrder) + 1];
            _chars.MatchReference(r.Chars, co);
            matches.Clear();
            _chars.AddMatches(matches, best: false);
            for (var n = 1; n <= co; n++)
            {
                var refTotal = Math.Max(0, r.Chars.Length - n + 1);
                stats[3 * (n - 1)] = refTotal > 0 ? Math.Max(0, h.Chars.Length - n + 1) : 0;
                stats[(3 * (n - 1)) + 1] = refTotal;
                stats[(3 * (n - 1)) + 2] = matches[n - 1];
            }

            if (options.WordOrder > 0)
            {
                _words.MatchReference(r.Words, options.WordOrder);
                matches.Clear();
                _words.AddMatches(matches, best: false);
                for (var n = 1; n <= options.WordOrder; n++)
                {
                    var k = co + n - 1;
                    var refTotal = Math.Max(0, r.Words.Length - n + 1);
                    stats[3 * k] = refTotal > 0 ? Math.Max(0, h.Words.Length - n + 1) : 0;
                    stats[(3 * k) + 1] = refTotal;
                    stats[(3 * k) + 2] = matches[n - 1];
                }
            }

            return stats;
        }
    }
}

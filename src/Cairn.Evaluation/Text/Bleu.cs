using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>Options of BLEU, named and defaulted as sacreBLEU's <c>BLEU(...)</c>.</summary>
public sealed record BleuOptions
{
    public string Tokenize { get; init; } = "13a";
    public string SmoothMethod { get; init; } = "exp";
    public double? SmoothValue { get; init; }
    public bool Lowercase { get; init; }
    public bool EffectiveOrder { get; init; }
    public int MaxNgramOrder { get; init; } = 4;
}

/// <summary>A BLEU score with sacreBLEU's sufficient statistics and its reproducibility signature.</summary>
public sealed record BleuScore(double Score, double[] Counts, double[] Totals, double[] Precisions, double Bp, int SysLen, int RefLen, string Signature);

/// <summary>
/// BLEU exactly as sacreBLEU computes it: its tokenizers, clipped n-gram counts against the maximum over the
/// references, the closest reference length (the shorter on a tie), smoothing <c>exp</c>, <c>floor</c>,
/// <c>add-k</c> or <c>none</c>, effective order, and the signature string.
/// </summary>
public static class Bleu
{
    /// <summary>The sacreBLEU release whose behaviour (and signature) this reproduces.</summary>
    public const string SacreBleuVersion = "2.6.0";

    public static readonly string[] SmoothMethods = ["exp", "floor", "add-k", "none"];

    /// <summary>Corpus BLEU; <paramref name="references"/>[i] holds every reference of prediction i.</summary>
    public static BleuScore Corpus(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, BleuOptions options)
    {
        var (stats, tokenizer) = Statistics(predictions, references, options);
        var n = options.MaxNgramOrder;
        var sum = new long[2 + 2 * n];
        foreach (var s in stats)
        {
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += s[k];
            }
        }

        return FromStatistics(sum, options, Signature(options, tokenizer, references));
    }

    /// <summary>One score per prediction, each computed as sacreBLEU's <c>sentence_score</c>.</summary>
    public static BleuScore[] Sentences(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, BleuOptions options)
    {
        var (stats, tokenizer) = Statistics(predictions, references, options);
        var scores = new BleuScore[stats.Length];
        for (var i = 0; i < stats.Length; i++)
        {
            scores[i] = FromStatistics(stats[i], options, Signature(options, tokenizer, [references[i]]));
        }

        return scores;
    }

    /// <summary>The per-segment statistics <c>[hyp_len, ref_len, correct_1..N, total_1..N]</c>, for resampling.</summary>
    public static (long[][] Stats, ISegmentTokenizer Tokenizer) Statistics(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, BleuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tokenizer = Validate(options);
        CorpusInput.Check(predictions, references);
        var n = options.MaxNgramOrder;
        var stats = new long[predictions.Count][];
        CorpusInput.ForEachSlice(predictions.Count, () => new Worker(), (w, i) =>
        {
            if (w.Interner.Count > 4_000_000)
            {
                w.Interner.Clear();
            }

            stats[i] = w.Segment(Preprocess(predictions[i], tokenizer, options), references[i].Select(r => Preprocess(r, tokenizer, options)), n);
        });
        return (stats, tokenizer);
    }

    /// <summary>sacreBLEU's <c>compute_bleu</c> over summed statistics.</summary>
    public static BleuScore FromStatistics(long[] stats, BleuOptions options, string signature)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(options);
        var order = options.MaxNgramOrder;
        int sysLen = (int)stats[0], refLen = (int)stats[1];
        var correct = new double[order];
        var total = new double[order];
        for (var k = 0; k < order; k++)
        {
            correct[k] = stats[2 + k];
            total[k] = stats[2 + order + k];
        }

        var method = options.SmoothMethod;
        var smoothValue = options.SmoothValue ?? DefaultSmoothValue(method) ?? 0;
        var bp = 1.0;
        if (sysLen < refLen)
        {
            bp = sysLen > 0 ? Math.Exp(1 - ((double)refLen / sysLen)) : 0.0;
        }

        var precisions = new double[order];
        if (correct.All(c => c == 0))
        {
            return new BleuScore(0.0, correct, total, precisions, bp, sysLen, refLen, signature);
        }

        var smoothMteval = 1.0;
        var effOrder = order;
        for (var n = 1; n <= order; n++)
        {
            if (method == "add-k" && n > 1)
            {
                correct[n - 1] += smoothValue;
                total[n - 1] += smoothValue;
            }

            if (total[n - 1] == 0)
            {
                break;
            }

            if (options.EffectiveOrder)
            {
                effOrder = n;
            }

            if (correct[n - 1] == 0)
            {
                if (method == "exp")
                {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1]);
                }
                else if (method == "floor")
                {
                    precisions[n - 1] = 100.0 * smoothValue / total[n - 1];
                }
            }
            else
            {
                precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
            }
        }

        var logSum = 0.0;
        for (var k = 0; k < effOrder; k++)
        {
            logSum += precisions[k] == 0.0 ? -9999999999 : Math.Log(precisions[k]);
        }

        return new BleuScore(bp * Math.Exp(logSum / effOrder), correct, total, precisions, bp, sysLen, refLen, signature);
    }

    /// <summary>The signature sacreBLEU prints, e.g. <c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0</c>.</summary>
    public static string Signature(BleuOptions options, ISegmentTokenizer tokenizer, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var smooth = options.SmoothMethod;
        var def = DefaultSmoothValue(smooth);
        if (def is not null)
        {
            smooth += "[" + (options.SmoothValue ?? def.Value).ToString("F2", CultureInfo.InvariantCulture) + "]";
        }

        return $"nrefs:{ReferenceCount(references)}|case:{(options.Lowercase ? "lc" : "mixed")}|eff:{(options.EffectiveOrder ? "yes" : "no")}|tok:{tokenizer.Name}|smooth:{smooth}|version:{SacreBleuVersion}";
    }

    /// <summary>The <c>nrefs</c> field of a signature: the number of references per prediction, or <c>var</c>.</summary>
    public static string ReferenceCount(IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var n = references.Count == 0 ? 0 : references[0].Count;
        return references.All(r => r.Count == n) ? n.ToString(CultureInfo.InvariantCulture) : "var";
    }

    private static double? DefaultSmoothValue(string method) => method switch
    {
        "floor" => 0.1,
        "add-k" => 1,
        _ => null,
    };

    private static ISegmentTokenizer Validate(BleuOptions o)
    {
        if (!SmoothMethods.Contains(o.SmoothMethod))
        {
            throw CairnException.Invalid("options.smooth_method", $"'{o.SmoothMethod}' is not one of {string.Join(", ", SmoothMethods)}");
        }

        if (o.SmoothValue is { } v && (double.IsNaN(v) || double.IsInfinity(v) || v < 0))
        {
            throw CairnException.Invalid("options.smooth_value", "must be a finite number of at least 0");
        }

        if (o.MaxNgramOrder is < 1 or > 16)
        {
            throw CairnException.Invalid("options.max_ngram_order", "must be between 1 and 16");
        }

        return BleuTokenizers.Get(o.Tokenize)
            ?? throw CairnException.Invalid("options.tokenize", $"'{o.Tokenize}' is not one of {string.Join(", ", BleuTokenizers.Names)}");
    }

    private static string Preprocess(string sentence, ISegmentTokenizer tokenizer, BleuOptions options) =>
        tokenizer.Tokenize(PyText.RStrip(options.Lowercase ? PyText.Lower(sentence) : sentence));

    private sealed class Worker
    {
        public readonly NGramInterner Interner = new();
        private readonly NGramTable _table = new();

        public long[] Segment(string hypothesis, IEnumerable<string> references, int order)
        {
            var hyp = Interner.Tokens(hypothesis);
            _table.SetHypothesis(hyp, order);
            int closestDiff = -1, closestLen = -1;
            foreach (var reference in references)
            {
                var tokens = Interner.Tokens(reference);
                var diff = Math.Abs(hyp.Length - tokens.Length);
                if (closestDiff == -1 || diff < closestDiff)
                {
                    closestDiff = diff;
                    closestLen = tokens.Length;
                }
                else if (diff == closestDiff && tokens.Length < closestLen)
                {
                    closestLen = tokens.Length;
                }

                _table.MatchReference(tokens, order);
                _table.KeepBest();
            }

            var stats = new long[2 + 2 * order];
            stats[0] = hyp.Length;
            stats[1] = closestLen;
            _table.AddMatches(stats.AsSpan(2, order), best: true);
            for (var n = 1; n <= order; n++)
            {
                stats[2 + order + n - 1] = Math.Max(0, hyp.Length - n + 1);
            }

            return stats;
        }
    }
}

using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>A TER score (edits per reference word, ×100) with its sufficient statistics and signature.</summary>
public sealed record TerScore(double Score, int NumEdits, double RefLength, string Signature);

/// <summary>Translation edit rate exactly as sacreBLEU computes it (Tercom's tokenizer and shift search).</summary>
public static class Ter
{
    /// <summary>The largest alignment matrix TER builds, in cells (hypothesis words × reference words); larger segments are refused.</summary>
    public const long MaxCells = 4_000_000;

    /// <summary>Corpus TER: edits summed over segments, divided by the summed average reference lengths.</summary>
    public static TerScore Corpus(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, TerOptions options)
    {
        var stats = Statistics(predictions, references, options);
        long edits = 0;
        var refLength = 0.0;
        foreach (var (e, r) in stats)
        {
            edits += e;
            refLength += r;
        }

        return FromStatistics(edits, refLength, Signature(options, references));
    }

    /// <summary>One TER per prediction (sacreBLEU's <c>sentence_score</c>).</summary>
    public static TerScore[] Sentences(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, TerOptions options) =>
        Statistics(predictions, references, options).Select((s, i) => FromStatistics(s.Edits, s.RefLength, Signature(options, [references[i]]))).ToArray();

    /// <summary>Per segment: the fewest edits over the references, and the average reference length.</summary>
    public static (int Edits, double RefLength)[] Statistics(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, TerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CorpusInput.Check(predictions, references);
        var stats = new (int, double)[predictions.Count];
        CorpusInput.ForEachSlice(predictions.Count, () => (Interner: new NGramInterner(), Aligner: new TerAligner()), (w, i) =>
        {
            if (w.Interner.Count > 4_000_000)
            {
                w.Interner.Clear();
            }

            var hyp = w.Interner.Tokens(TercomNormalizer.Normalize(PyText.RStrip(predictions[i]), options));
            var best = int.MaxValue;
            var lengths = 0;
            foreach (var reference in references[i])
            {
                // sacreBLEU tokenizes references twice (once when caching them, again when extracting their words);
                // the second pass still changes some lines, e.g. "Nguyen's" becomes "Nguyen 's".
                var once = TercomNormalizer.Normalize(PyText.RStrip(reference), options);
                var words = w.Interner.Tokens(TercomNormalizer.Normalize(once, options));
                if ((long)(hyp.Length + 1) * (words.Length + 1) > MaxCells)
                {
                    throw CairnException.Invalid($"predictions[{i}]", $"TER aligns segments of at most {MaxCells:N0} word pairs; this one has {hyp.Length:N0} × {words.Length:N0} words (split long documents into sentences)");
                }

                var (edits, length) = w.Aligner.Align(hyp, words);
                lengths += length;
                best = Math.Min(best, edits);
            }

            stats[i] = (best, (double)lengths / references[i].Count);
        });
        return stats;
    }

    /// <summary>sacreBLEU's <c>_compute_score_from_stats</c>.</summary>
    public static TerScore FromStatistics(long edits, double refLength, string signature)
    {
        double score;
        if (refLength > 0)
        {
            score = edits / refLength;
        }
        else
        {
            score = edits > 0 ? 1.0 : 0.0;
        }

        return new TerScore(100 * score, (int)edits, refLength, signature);
    }

    /// <summary>e.g. <c>nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0</c>.</summary>
    public static string Signature(TerOptions options, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(options);
        static string YesNo(bool b) => b ? "yes" : "no";
        return string.Create(CultureInfo.InvariantCulture,
            $"nrefs:{Bleu.ReferenceCount(references)}|case:{(options.CaseSensitive ? "mixed" : "lc")}|tok:tercom|norm:{YesNo(options.Normalized)}|punct:{YesNo(!options.NoPunct)}|asian:{YesNo(options.AsianSupport)}|version:{Bleu.SacreBleuVersion}");
    }
}

using Cairn.Core.Errors;
using Cairn.Evaluation.Classification;
using Cairn.Evaluation.Text;
using Xunit;

namespace Cairn.Evaluation.Tests;

/// <summary>Bounds and invariants over random inputs, checked against definitions rather than against the code.</summary>
public sealed class PropertyTests
{
    private static readonly string[] Vocabulary = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran", ".", ",", "3.5", "don't", "über", "猫"];

    private static string Sentence(Random rng, int max) =>
        string.Join(' ', Enumerable.Range(0, rng.Next(0, max)).Select(_ => Vocabulary[rng.Next(Vocabulary.Length)]));

    private static (string[] Hyp, IReadOnlyList<string>[] Refs) Corpus(int seed, int n = 60)
    {
        var rng = new Random(seed);
        var hyp = Enumerable.Range(0, n).Select(_ => Sentence(rng, 15)).ToArray();
        var refs = Enumerable.Range(0, n).Select(_ => (IReadOnlyList<string>)[Sentence(rng, 15)]).ToArray();
        return (hyp, refs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Text_scores_stay_in_bounds_and_identity_is_perfect(int seed)
    {
        var (hyp, refs) = Corpus(seed);
        Assert.InRange(Bleu.Corpus(hyp, refs, new BleuOptions()).Score, 0, 100);
        Assert.InRange(ChrF.Corpus(hyp, refs, new ChrFOptions { WordOrder = 2 }).Score, 0, 100);
        Assert.True(Ter.Corpus(hyp, refs, new TerOptions()).Score >= 0);
        foreach (var s in Rouge.ScoreAll(hyp, refs, ["rouge1", "rouge2", "rougeL", "rougeLsum"], true).SelectMany(d => d.Values))
        {
            Assert.InRange(s.Precision, 0, 1);
            Assert.InRange(s.Recall, 0, 1);
            Assert.InRange(s.FMeasure, 0, 1);
        }

        var same = hyp.Where(h => h.Split(' ').Length >= 4).ToArray();
        var selfRefs = same.Select(h => (IReadOnlyList<string>)[h]).ToArray();
        Assert.Equal(100, Bleu.Corpus(same, selfRefs, new BleuOptions()).Score, 9);
        Assert.Equal(100, ChrF.Corpus(same, selfRefs, new ChrFOptions()).Score, 9);
        Assert.Equal(0, Ter.Corpus(same, selfRefs, new TerOptions()).Score);
        Assert.Equal(0, ErrorRates.Words(same, same).Wer);
    }

    [Fact]
    public void Corpus_scores_do_not_depend_on_segment_order()
    {
        var (hyp, refs) = Corpus(7);
        var order = Enumerable.Range(0, hyp.Length).OrderBy(i => (i * 37) % 61).ToArray();
        var hyp2 = order.Select(i => hyp[i]).ToArray();
        var refs2 = order.Select(i => refs[i]).ToArray();
        Assert.Equal(Bleu.Corpus(hyp, refs, new BleuOptions()).Score, Bleu.Corpus(hyp2, refs2, new BleuOptions()).Score, 12);
        Assert.Equal(ChrF.Corpus(hyp, refs, new ChrFOptions()).Score, ChrF.Corpus(hyp2, refs2, new ChrFOptions()).Score, 12);
        Assert.Equal(Ter.Corpus(hyp, refs, new TerOptions()).Score, Ter.Corpus(hyp2, refs2, new TerOptions()).Score, 12);
    }

    [Fact]
    public void Rouge_n_precision_and_recall_swap_when_target_and_prediction_swap()
    {
        var rouge = new Rouge(["rouge1", "rouge2"], useStemmer: false);
        var ab = rouge.Score("the cat sat on the mat today", "a cat sat on a mat");
        var ba = rouge.Score("a cat sat on a mat", "the cat sat on the mat today");
        Assert.Equal(ab["rouge1"].Precision, ba["rouge1"].Recall);
        Assert.Equal(ab["rouge2"].Recall, ba["rouge2"].Precision);
    }

    [Theory]
    [InlineData(11, 10)]
    [InlineData(12, 70)]
    [InlineData(13, 200)]
    public void Alignment_counts_add_up_and_their_edits_are_the_levenshtein_distance(int seed, int length)
    {
        var rng = new Random(seed);
        var aligner = new LevenshteinAlignment(8);
        for (var t = 0; t < 50; t++)
        {
            var a = Enumerable.Range(0, rng.Next(0, length)).Select(_ => rng.Next(8)).ToArray();
            var b = Enumerable.Range(0, rng.Next(0, length)).Select(_ => rng.Next(8)).ToArray();
            var c = aligner.Align(a, b)!.Value;
            Assert.Equal(a.Length, c.Hits + c.Substitutions + c.Deletions);
            Assert.Equal(b.Length, c.Hits + c.Substitutions + c.Insertions);
            Assert.Equal(Distance(a, b), c.Substitutions + c.Deletions + c.Insertions);
        }
    }

    // The textbook dynamic programme, an independent check of the bit-parallel distance.
    private static int Distance(int[] a, int[] b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    [Fact]
    public void An_empty_reference_scores_as_jiwer_4_does()
    {
        // jiwer 4: with no reference words, WER is the number of inserted words, MER 1 and WIP 0 (0, and 1, when both are empty).
        var r = ErrorRates.Words(["two words"], [""]);
        Assert.Equal((2.0, 1.0, 0.0, 1.0), (r.Wer, r.Mer, r.Wip, r.Wil));
        var both = ErrorRates.Words([""], ["  "]);
        Assert.Equal((0.0, 0.0, 1.0), (both.Wer, both.Mer, both.Wip));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Classification_scores_stay_in_bounds_and_auc_is_symmetric(int seed)
    {
        var rng = new Random(seed);
        var y = Enumerable.Range(0, 80).Select(_ => rng.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var p = Enumerable.Range(0, 80).Select(_ => rng.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var s = Enumerable.Range(0, 80).Select(_ => Math.Round(rng.NextDouble(), 1)).ToArray(); // rounding makes ties
        var m = new LabelMetrics(y, p, numeric: true);
        Assert.InRange(m.Accuracy(), 0, 1);
        Assert.InRange(m.MatthewsCorrelation(), -1, 1);
        Assert.InRange(m.CohenKappa(null), -1, 1);
        var auc = ScoreMetrics.RocAuc(y, true, s);
        Assert.InRange(auc, 0, 1);
        Assert.Equal(1 - auc, ScoreMetrics.RocAuc(y, true, s.Select(v => 1 - v).ToArray()), 12);
        Assert.InRange(ScoreMetrics.Brier(y, true, s, "1"), 0, 1);
        Assert.Equal(m.Accuracy(), m.PrecisionRecallF("recall", "micro", null, 1, 0), 12);
    }

    [Fact]
    public void Perplexity_of_uniform_tokens_is_the_vocabulary_size()
    {
        var p = Perplexity.Compute([[Math.Log(0.25), Math.Log(0.25)], [Math.Log(0.25)]]);
        Assert.Equal(4, p.Perplexity, 12);
        Assert.Equal(3, p.Tokens);
    }

    [Fact]
    public void Hostile_text_neither_hangs_nor_throws()
    {
        string[] nasty = ["\ud800 lone surrogate", new string('.', 50_000), string.Concat(Enumerable.Repeat("a-1,2.", 5000)), "\u0130STANBUL ΣΟΦΟΣ", "\t\u3000\u00a0"];
        var refs = nasty.Select(n => (IReadOnlyList<string>)[n]).ToArray();
        foreach (var tok in BleuTokenizers.Names)
        {
            Assert.InRange(Bleu.Corpus(nasty, refs, new BleuOptions { Tokenize = tok, Lowercase = true }).Score, 0, 100.0000001);
        }

        Assert.InRange(ChrF.Corpus(nasty, refs, new ChrFOptions { WordOrder = 2, Lowercase = true }).Score, 0, 100.0000001);
        Assert.Equal(0, Ter.Corpus(nasty, refs, new TerOptions()).Score);
        var tooLong = Assert.Throws<CairnException>(() => Ter.Corpus(nasty, refs, new TerOptions { Normalized = true, AsianSupport = true }));
        Assert.Equal("predictions[1]", tooLong.Field);
        Assert.Equal(0, ErrorRates.Characters(nasty, nasty).Wer);
        var e = Assert.Throws<CairnException>(() => Bleu.Corpus(["a"], [[]], new BleuOptions()));
        Assert.Equal("references[0]", e.Field);
    }
}

using Cairn.Core.Errors;

namespace Cairn.Evaluation.Text;

/// <summary>Precision, recall and F-measure of one ROUGE type.</summary>
public readonly record struct RougeScore(double Precision, double Recall, double FMeasure);

/// <summary>
/// ROUGE-N, ROUGE-L and ROUGE-Lsum exactly as Google's rouge-score 0.1.2 computes them: lowercase, every run of
/// characters outside <c>[a-z0-9]</c> is a separator, words longer than 3 letters optionally Porter-stemmed (NLTK's
/// variant); ROUGE-Lsum takes newline-separated sentences and the union LCS without double counting; with several
/// references, each type takes the reference with the highest F-measure (the first on a tie).
/// </summary>
public sealed class Rouge
{
    private readonly string[] _types;
    private readonly bool _stem;
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _stemSpans;
    private readonly NGramInterner _ids = new();
    private readonly NGramTable _table = new();
    private int[] _lcs = [];

    public Rouge(IReadOnlyList<string> rougeTypes, bool useStemmer)
    {
        ArgumentNullException.ThrowIfNull(rougeTypes);
        if (rougeTypes.Count == 0)
        {
            throw CairnException.Invalid("options.rouge_types", "give at least one of rouge1..rouge9, rougeL, rougeLsum");
        }

        foreach (var t in rougeTypes)
        {
            if (t is not ("rougeL" or "rougeLsum") && !(t.Length == 6 && t.StartsWith("rouge", StringComparison.Ordinal) && t[5] is >= '1' and <= '9'))
            {
                throw CairnException.Invalid("options.rouge_types", $"'{t}' is not a ROUGE type; use rouge1..rouge9, rougeL or rougeLsum");
            }
        }

        _types = [.. rougeTypes];
        _stem = useStemmer;
        _stemSpans = _stems.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Types => _types;

    /// <summary>The largest LCS table ROUGE-L builds (prediction tokens × reference tokens).</summary>
    public const long MaxLcsCells = 16_000_000;

    /// <summary>Scores every prediction against its references (rouge-score's <c>score_multi</c>).</summary>
    public static Dictionary<string, RougeScore>[] ScoreAll(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string> rougeTypes, bool useStemmer)
    {
        _ = new Rouge(rougeTypes, useStemmer); // validates the options once
        CorpusInput.Check(predictions, references);
        var result = new Dictionary<string, RougeScore>[predictions.Count];
        CorpusInput.ForEachSlice(predictions.Count, () => new Rouge(rougeTypes, useStemmer), (r, i) =>
        {
            try
            {
                result[i] = r.ScoreMulti(references[i], predictions[i]);
            }
            catch (CairnException e) when (e.Field == "predictions")
            {
                throw CairnException.Invalid($"predictions[{i}]", e.Message["predictions: ".Length..]);
            }
        });
        return result;
    }

    /// <summary>The best score per type over <paramref name="targets"/>, by F-measure.</summary>
    public Dictionary<string, RougeScore> ScoreMulti(IReadOnlyList<string> targets, string prediction)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var all = targets.Select(t => Score(t, prediction)).ToArray();
        var best = new Dictionary<string, RougeScore>(StringComparer.Ordinal);
        foreach (var type in _types)
        {
            var pick = all[0][type];
            foreach (var s in all)
            {
                if (s[type].FMeasure > pick.FMeasure)
                {
                    pick = s[type];
                }
            }

            best[type] = pick;
        }

        return best;
    }

    /// <summary>rouge-score's <c>RougeScorer.score(target, prediction)</c>.</summary>
    public Dictionary<string, RougeScore> Score(string target, string prediction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        if (_ids.Count > 4_000_000)
        {
            _ids.Clear();
            _stems.Clear();
        }

        var t = Ids(target);
        var p = Ids(prediction);
        var result = new Dictionary<string, RougeScore>(StringComparer.Ordinal);
        foreach (var type in _types)
        {
            result[type] = type switch
            {
                "rougeL" => ScoreLcs(t, p),
                "rougeLsum" => SummaryLevelLcs(Sentences(target, t), Sentences(prediction, p)),
                _ => ScoreNGrams(t, p, type[5] - '0'),
            };
        }

        return result;
    }

    // The tokens of rouge-score's tokenizer, as numbers.
    private int[] Ids(string text)
    {
        var lower = PyText.Lower(text);
        var ids = new List<int>(32);
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var alnum = i < lower.Length && lower[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (alnum && start < 0)
            {
                start = i;
            }
            else if (!alnum && start >= 0)
            {
                var token = lower.AsSpan(start, i - start);
                ids.Add(_stem && token.Length > 3 ? StemId(token) : _ids.Token(token));
                start = -1;
            }
        }

        return [.. ids];
    }

    private int StemId(ReadOnlySpan<char> token)
    {
        if (!_stemSpans.TryGetValue(token, out var id))
        {
            var word = token.ToString();
            id = _ids.Token(PorterStemmer.Stem(word));
            _stems[word] = id;
        }

        return id;
    }

    /// <summary>F-measure as rouge-score computes it.</summary>
    public static double FMeasure(double precision, double recall) =>
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;

    // rougeLsum's sentences: the text split on newlines, empty lines dropped; a single line reuses its tokens.
    private List<int[]> Sentences(string text, int[] whole)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text.Length > 0 ? [whole] : [];
        }

        return text.Split('\n').Where(s => s.Length > 0).Select(Ids).ToList();
    }

    private RougeScore ScoreNGrams(int[] target, int[] prediction, int n)
    {
        Span<long> matches = stackalloc long[n];
        _table.SetHypothesis(prediction, n);
        _table.MatchReference(target, n);
        _table.AddMatches(matches, best: false);
        var intersection = matches[n - 1];
        var precision = (double)intersection / Math.Max(prediction.Length - n + 1, 1);
        var recall = (double)intersection / Math.Max(target.Length - n + 1, 1);
        return new RougeScore(precision, recall, FMeasure(precision, recall));
    }

    private RougeScore ScoreLcs(int[] target, int[] prediction)
    {
        if (target.Length == 0 || prediction.Length == 0)
        {
            return default;
        }

        LcsTable(target, prediction);
        var lcs = _lcs[(target.Length * (prediction.Length + 1)) + prediction.Length];
        var precision = (double)lcs / prediction.Length;
        var recall = (double)lcs / target.Length;
        return new RougeScore(precision, recall, FMeasure(precision, recall));
    }

    // Fills _lcs (row-major, (|r|+1) x (|c|+1)) with the LCS lengths of prefixes.
    private void LcsTable(int[] r, int[] c)
    {
        var w = c.Length + 1;
        if ((long)(r.Length + 1) * w > MaxLcsCells)
        {
            throw CairnException.Invalid("predictions", $"ROUGE-L compares texts of at most {MaxLcsCells:N0} token pairs; this one has {c.Length:N0} × {r.Length:N0} tokens");
        }

        var size = (r.Length + 1) * w;
        if (_lcs.Length < size)
        {
            _lcs = new int[Math.Max(size, 1024)];
        }

        var t = _lcs;
        Array.Clear(t, 0, w);
        for (var i = 1; i <= r.Length; i++)
        {
            var row = i * w;
            t[row] = 0;
            for (var j = 1; j <= c.Length; j++)
            {
                t[row + j] = r[i - 1] == c[j - 1] ? t[row - w + j - 1] + 1 : Math.Max(t[row - w + j], t[row + j - 1]);
            }
        }
    }

    // rouge-score's lcs_ind: marks the reference indices of one LCS, read back preferring to move left in the candidate.
    private void MarkLcs(int[] r, int[] c, bool[] marks)
    {
        LcsTable(r, c);
        var w = c.Length + 1;
        int i = r.Length, j = c.Length;
        while (i > 0 && j > 0)
        {
            if (r[i - 1] == c[j - 1])
            {
                marks[i - 1] = true;
                i--;
                j--;
            }
            else if (_lcs[(i * w) + j - 1] > _lcs[((i - 1) * w) + j])
            {
                j--;
            }
            else
            {
                i--;
            }
        }
    }

    private RougeScore SummaryLevelLcs(List<int[]> refSents, List<int[]> canSents)
    {
        if (refSents.Count == 0 || canSents.Count == 0)
        {
            return default;
        }

        var m = refSents.Sum(s => s.Length);
        var n = canSents.Sum(s => s.Length);
        if (m == 0 || n == 0)
        {
            return default;
        }

        var countsR = new Dictionary<int, int>();
        var countsC = new Dictionary<int, int>();
        foreach (var tok in refSents.SelectMany(s => s))
        {
            countsR[tok] = countsR.GetValueOrDefault(tok) + 1;
        }

        foreach (var tok in canSents.SelectMany(s => s))
        {
            countsC[tok] = countsC.GetValueOrDefault(tok) + 1;
        }

        var hits = 0;
        foreach (var r in refSents)
        {
            var union = new bool[r.Length];
            foreach (var c in canSents)
            {
                MarkLcs(r, c, union);
            }

            for (var idx = 0; idx < r.Length; idx++)
            {
                if (!union[idx])
                {
                    continue;
                }

                var tok = r[idx];
                if (countsC.GetValueOrDefault(tok) > 0 && countsR.GetValueOrDefault(tok) > 0)
                {
                    hits++;
                    countsC[tok]--;
                    countsR[tok]--;
                }
            }
        }

        var recall = (double)hits / m;
        var precision = (double)hits / n;
        return new RougeScore(precision, recall, FMeasure(precision, recall));
    }
}

using System.Globalization;
using System.Text;

namespace Cairn.Evaluation.Text;

/// <summary>Exact match and token F1 per prediction, and their means ×100.</summary>
public sealed record SquadResult(double ExactMatch, double F1, double[] ExactMatchPerItem, double[] F1PerItem);

/// <summary>
/// The SQuAD v1.1 evaluation script's exact match and token F1: answers normalized (lowercase, ASCII punctuation
/// removed, the articles a/an/the removed as whole words, whitespace squeezed), each prediction scored by its
/// best reference, means reported ×100.
/// </summary>
public static class Squad
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Scores every prediction against its references.</summary>
    public static SquadResult Score(IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references)
    {
        CorpusInput.Check(predictions, references);
        var em = new double[predictions.Count];
        var f1 = new double[predictions.Count];
        double emSum = 0, f1Sum = 0;
        for (var i = 0; i < predictions.Count; i++)
        {
            var p = Normalize(predictions[i]);
            em[i] = references[i].Max(r => p == Normalize(r) ? 1.0 : 0.0);
            f1[i] = references[i].Max(r => TokenF1(p, Normalize(r)));
            emSum += em[i];
            f1Sum += f1[i];
        }

        return new SquadResult(100.0 * emSum / predictions.Count, 100.0 * f1Sum / predictions.Count, em, f1);
    }

    /// <summary>The script's <c>normalize_answer</c>.</summary>
    public static string Normalize(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var lower = PyText.Lower(s);
        var sb = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!Punctuation.Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
            }
        }

        return PyText.SqueezeSpaces(RemoveArticles(sb.ToString()));
    }

    // re.sub(r"\b(a|an|the)\b", " ", text) with Python's Unicode \w (letters, numbers, underscore).
    private static string RemoveArticles(string text)
    {
        var cps = PyText.CodePoints(text);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < cps.Length;)
        {
            var len = (i == 0 || !IsWord(cps[i - 1])) ? ArticleAt(cps, i) : 0;
            if (len > 0)
            {
                sb.Append(' ');
                i += len;
            }
            else
            {
                PyText.Append(sb, cps[i]);
                i++;
            }
        }

        return sb.ToString();
    }

    private static int ArticleAt(int[] cps, int i)
    {
        foreach (var article in (string[])["a", "an", "the"])
        {
            var end = i + article.Length;
            if (end > cps.Length)
            {
                continue;
            }

            var match = true;
            for (var k = 0; k < article.Length; k++)
            {
                match &= cps[i + k] == article[k];
            }

            if (match && (end == cps.Length || !IsWord(cps[end])))
            {
                return article.Length;
            }
        }

        return 0;
    }

    private static bool IsWord(int cp)
    {
        if (cp == '_')
        {
            return true;
        }

        if (!Rune.IsValid(cp))
        {
            return false;
        }

        var cat = Rune.GetUnicodeCategory(new Rune(cp));
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    private static double TokenF1(string prediction, string truth)
    {
        var p = prediction.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var t = truth.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tok in t)
        {
            counts[tok] = counts.GetValueOrDefault(tok) + 1;
        }

        var same = 0;
        foreach (var tok in p)
        {
            if (counts.GetValueOrDefault(tok) > 0)
            {
                counts[tok]--;
                same++;
            }
        }

        if (same == 0)
        {
            return 0;
        }

        var precision = 1.0 * same / p.Length;
        var recall = 1.0 * same / t.Length;
        return 2 * precision * recall / (precision + recall);
    }
}

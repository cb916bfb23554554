namespace Cairn.Evaluation.Text;

/// <summary>
/// The Porter stemmer as NLTK's <c>PorterStemmer()</c> runs it by default (mode <c>NLTK_EXTENSIONS</c>), which is
/// what rouge-score uses: Porter's five steps with NLTK's irregular forms and its departures in steps 1a, 1b,
/// 1c and 2. Input is expected lowercase.
/// </summary>
public static class PorterStemmer
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["sky"] = "sky", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie", ["news"] = "news",
        ["innings"] = "inning", ["inning"] = "inning", ["outings"] = "outing", ["outing"] = "outing",
        ["cannings"] = "canning", ["canning"] = "canning", ["howe"] = "howe", ["proceed"] = "proceed",
        ["exceed"] = "exceed", ["succeed"] = "succeed",
    };

    private delegate bool Condition(string stem);

    /// <summary>Stems one lowercase word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return word;
        }

        var s = Step1a(word);
        s = Step1b(s);
        s = Step1c(s);
        s = Step2(s);
        s = Step3(s);
        s = Step4(s);
        s = Step5a(s);
        return Step5b(s);
    }

    private static bool IsConsonant(string w, int i)
    {
        var c = w[i];
        if (c is 'a' or 'e' or 'i' or 'o' or 'u')
        {
            return false;
        }

        if (c == 'y')
        {
            return i == 0 || !IsConsonant(w, i - 1);
        }

        return true;
    }

    // The number of "vc" in the word's consonant/vowel sequence.
    private static int Measure(string stem)
    {
        var m = 0;
        for (var i = 1; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i - 1) && IsConsonant(stem, i))
            {
                m++;
            }
        }

        return m;
    }

    private static bool PositiveMeasure(string stem) => Measure(stem) > 0;

    private static bool ContainsVowel(string stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsDoubleConsonant(string w) => w.Length >= 2 && w[^1] == w[^2] && IsConsonant(w, w.Length - 1);

    private static bool EndsCvc(string w) =>
        (w.Length >= 3 && IsConsonant(w, w.Length - 3) && !IsConsonant(w, w.Length - 2) && IsConsonant(w, w.Length - 1) && w[^1] is not ('w' or 'x' or 'y'))
        || (w.Length == 2 && !IsConsonant(w, 0) && IsConsonant(w, 1));

    // NLTK's _apply_rule_list: the first rule whose suffix matches decides, whether or not its condition holds.
    private static string ApplyRules(string word, (string Suffix, string Replacement, Condition? Condition)[] rules)
    {
        foreach (var (suffix, replacement, condition) in rules)
        {
            if (suffix == "*d" && EndsDoubleConsonant(word))
            {
                var stem = word[..^2];
                return condition is null || condition(stem) ? stem + replacement : word;
            }

            if (word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                return condition is null || condition(stem) ? stem + replacement : word;
            }
        }

        return word;
    }

    private static string Step1a(string w)
    {
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length == 4)
        {
            return w[..^3] + "ie";
        }

        return ApplyRules(w, [("sses", "ss", null), ("ies", "i", null), ("ss", "ss", null), ("s", "", null)]);
    }

    private static string Step1b(string w)
    {
        if (w.EndsWith("ied", StringComparison.Ordinal))
        {
            return w[..^3] + (w.Length == 4 ? "ie" : "i");
        }

        if (w.EndsWith("eed", StringComparison.Ordinal))
        {
            var stem = w[..^3];
            return Measure(stem) > 0 ? stem + "ee" : w;
        }

        string? intermediate = null;
        foreach (var suffix in (string[])["ed", "ing"])
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal))
            {
                var candidate = w[..^suffix.Length];
                if (ContainsVowel(candidate))
                {
                    intermediate = candidate;
                    break;
                }
            }
        }

        if (intermediate is null)
        {
            return w;
        }

        var last = intermediate.Length > 0 ? intermediate[^1] : '\0';
        return ApplyRules(intermediate,
        [
            ("at", "ate", null),
            ("bl", "ble", null),
            ("iz", "ize", null),
            ("*d", last.ToString(), _ => last is not ('l' or 's' or 'z')),
            ("", "e", stem => Measure(stem) == 1 && EndsCvc(stem)),
        ]);
    }

    private static string Step1c(string w) =>
        ApplyRules(w, [("y", "i", stem => stem.Length > 1 && IsConsonant(stem, stem.Length - 1))]);

    private static string Step2(string w)
    {
        if (w.EndsWith("alli", StringComparison.Ordinal) && PositiveMeasure(w[..^4]))
        {
            return Step2(w[..^4] + "al");
        }

        return ApplyRules(w,
        [
            ("ational", "ate", PositiveMeasure),
            ("tional", "tion", PositiveMeasure),
            ("enci", "ence", PositiveMeasure),
            ("anci", "ance", PositiveMeasure),
            ("izer", "ize", PositiveMeasure),
            ("bli", "ble", PositiveMeasure),
            ("alli", "al", PositiveMeasure),
            ("entli", "ent", PositiveMeasure),
            ("eli", "e", PositiveMeasure),
            ("ousli", "ous", PositiveMeasure),
            ("ization", "ize", PositiveMeasure),
            ("ation", "ate", PositiveMeasure),
            ("ator", "ate", PositiveMeasure),
            ("alism", "al", PositiveMeasure),
            ("iveness", "ive", PositiveMeasure),
            ("fulness", "ful", PositiveMeasure),
            ("ousness", "ous", PositiveMeasure),
            ("aliti", "al", PositiveMeasure),
            ("iviti", "ive", PositiveMeasure),
            ("biliti", "ble", PositiveMeasure),
            ("fulli", "ful", PositiveMeasure),
            ("logi", "log", _ => PositiveMeasure(w[..^3])),
        ]);
    }

    private static string Step3(string w) => ApplyRules(w,
    [
        ("icate", "ic", PositiveMeasure),
        ("ative", "", PositiveMeasure),
        ("alize", "al", PositiveMeasure),
        ("iciti", "ic", PositiveMeasure),
        ("ical", "ic", PositiveMeasure),
        ("ful", "", PositiveMeasure),
        ("ness", "", PositiveMeasure),
    ]);

    private static bool MeasureAbove1(string stem) => Measure(stem) > 1;

    private static string Step4(string w) => ApplyRules(w,
    [
        ("al", "", MeasureAbove1),
        ("ance", "", MeasureAbove1),
        ("ence", "", MeasureAbove1),
        ("er", "", MeasureAbove1),
        ("ic", "", MeasureAbove1),
        ("able", "", MeasureAbove1),
        ("ible", "", MeasureAbove1),
        ("ant", "", MeasureAbove1),
        ("ement", "", MeasureAbove1),
        ("ment", "", MeasureAbove1),
        ("ent", "", MeasureAbove1),
        ("ion", "", stem => Measure(stem) > 1 && stem.Length > 0 && stem[^1] is 's' or 't'),
        ("ou", "", MeasureAbove1),
        ("ism", "", MeasureAbove1),
        ("ate", "", MeasureAbove1),
        ("iti", "", MeasureAbove1),
        ("ous", "", MeasureAbove1),
        ("ive", "", MeasureAbove1),
        ("ize", "", MeasureAbove1),
    ]);

    private static string Step5a(string w)
    {
        if (w.EndsWith('e'))
        {
            var stem = w[..^1];
            var m = Measure(stem);
            if (m > 1 || (m == 1 && !EndsCvc(stem)))
            {
                return stem;
            }
        }

        return w;
    }

    private static string Step5b(string w) => ApplyRules(w, [("ll", "l", _ => Measure(w[..^1]) > 1)]);
}

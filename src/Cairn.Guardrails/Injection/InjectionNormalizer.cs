using System.Globalization;
using System.Text;

namespace Cairn.Guardrails.Injection;

/// <summary>
/// Undoes the disguises of an injection before it is matched: compatibility folding (fullwidth, mathematical and
/// circled letters, ligatures) with accents and other combining marks dropped; invisible format characters
/// (zero-width spaces and joiners, bidi controls, tag characters) removed; lower case; look-alike Cyrillic and Greek
/// letters inside Latin words made Latin; leetspeak inside words undone (<c>1gn0r3</c> → <c>ignore</c>); letters
/// spelt out one by one (<c>i g n o r e</c>, <c>i.g.n.o.r.e</c>) joined; runs of white space made one space.
/// Linear in the text.
/// </summary>
public static class InjectionNormalizer
{
    public static NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var changed = false;
        var removedFormat = false;
        var lastSpace = true;

        void Emit(char c, int from, int to)
        {
            if (char.IsWhiteSpace(c))
            {
                if (lastSpace)
                {
                    return;
                }

                c = ' ';
                lastSpace = true;
            }
            else
            {
                lastSpace = false;
            }

            sb.Append(c);
            starts.Add(from);
            ends.Add(to);
        }

        for (var i = 0; i < text.Length;)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var cp = width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            var category = width == 2 ? CharUnicodeInfo.GetUnicodeCategory(cp) : char.GetUnicodeCategory(text[i]);
            if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Control
                && cp is not ('\n' or '\r' or '\t'))
            {
                removedFormat |= category == UnicodeCategory.Format;
                i += width;
                continue;
            }

            var folded = UnicodeFold.Of(cp);
            if (folded is not null)
            {
                changed |= Disguise(cp);
                foreach (var c in folded)
                {
                    if (char.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.Format))
                    {
                        Emit(char.ToLowerInvariant(c), i, i + width);
                    }
                }
            }
            else if (width == 2)
            {
                Emit(text[i], i, i + 2);
                sb.Append(text[i + 1]);
                starts.Add(i);
                ends.Add(i + 2);
            }
            else
            {
                Emit(char.ToLowerInvariant(text[i]), i, i + 1);
            }

            i += width;
        }

        var chars = sb.ToString().ToCharArray();
        changed |= Words(chars);
        changed |= removedFormat;
        var (joined, s, e, spelt) = JoinSpelt(chars, starts, ends);
        return new NormalizedText(joined, s, e, changed || spelt);
    }

    // Letters that only a disguise uses: fullwidth, mathematical, enclosed and small-capital ones (accents, typographic
    // punctuation and CJK punctuation are folded too, but ordinary text is full of them).
    private static bool Disguise(int cp) =>
        cp is >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A or >= 0x1D400 and <= 0x1D7FF or >= 0x2460 and <= 0x24FF
            or >= 0x1F100 and <= 0x1F1FF or >= 0x0250 and <= 0x02AF or >= 0x1D00 and <= 0x1DBF;

    // Look-alikes and leetspeak, word by word (a word: letters, digits, and the signs leetspeak uses).
    private static bool Words(char[] chars)
    {
        var changed = false;
        for (var i = 0; i < chars.Length;)
        {
            if (!IsWordChar(chars[i]))
            {
                i++;
                continue;
            }

            var start = i;
            int latin = 0, glyphs = 0, leet = 0, digits = 0, letters = 0;
            for (; i < chars.Length && IsWordChar(chars[i]); i++)
            {
                var c = chars[i];
                if (c is >= 'a' and <= 'z')
                {
                    latin++;
                    letters++;
                }
                else if (Confusables.IsHomoglyph(c))
                {
                    glyphs++;
                    letters++;
                }
                else if (char.IsLetter(c))
                {
                    letters++;
                }
                else if (Confusables.Leet(c) != '\0')
                {
                    leet++;
                    digits += char.IsAsciiDigit(c) ? 1 : 0;
                }
            }

            var length = i - start;
            var mapGlyphs = glyphs > 0 && latin > 0;
            // '@' and '$' alone are an address or a price, not leetspeak: they count beside a leet digit only.
            var mapLeet = digits > 0 && latin + glyphs >= 2 && latin + glyphs >= leet && length <= 24 && chars[start] is not '@' and not '$';
            if (!mapGlyphs && !mapLeet)
            {
                continue;
            }

            for (var k = start; k < i; k++)
            {
                var c = chars[k];
                var to = mapGlyphs ? Confusables.Homoglyph(c) : c;
                if (mapLeet && Confusables.Leet(c) is var l and not '\0')
                {
                    to = l;
                }

                changed |= to != c;
                chars[k] = to;
            }
        }

        return changed;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '@' or '$';

    // "i g n o r e" / "i.g.n.o.r.e" / "i-g-n-o-r-e": four or more single letters with one separator between them.
    private static (string, int[], int[], bool) JoinSpelt(char[] chars, List<int> starts, List<int> ends)
    {
        var keep = new bool[chars.Length];
        Array.Fill(keep, true);
        var any = false;
        for (var i = 0; i < chars.Length;)
        {
            if (!SingleLetter(chars, i))
            {
                i++;
                continue;
            }

            var j = i;
            var count = 1;
            while (j + 2 < chars.Length && chars[j + 1] is ' ' or '.' or '-' or '_' or '*' && chars[j + 1] == chars[i + 1] && SingleLetter(chars, j + 2))
            {
                j += 2;
                count++;
            }

            if (count >= 4)
            {
                for (var k = i + 1; k < j; k += 2)
                {
                    // A separator that stood for a longer gap (two spaces, a tab) marks a word boundary: keep it.
                    keep[k] = starts[k + 1] - starts[k] > 1 && chars[k] == ' ';
                }

                any = true;
            }

            i = j + 1;
        }

        if (!any)
        {
            return (new string(chars), [.. starts], [.. ends], false);
        }

        var sb = new StringBuilder(chars.Length);
        var s = new List<int>(chars.Length);
        var e = new List<int>(chars.Length);
        for (var k = 0; k < chars.Length; k++)
        {
            if (keep[k])
            {
                sb.Append(chars[k]);
                s.Add(starts[k]);
                e.Add(ends[k]);
            }
        }

        return (sb.ToString(), [.. s], [.. e], true);
    }

    private static bool SingleLetter(char[] c, int i) =>
        char.IsLetter(c[i]) && (i == 0 || !char.IsLetterOrDigit(c[i - 1])) && (i + 1 >= c.Length || !char.IsLetterOrDigit(c[i + 1]));
}

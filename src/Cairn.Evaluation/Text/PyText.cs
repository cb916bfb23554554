using System.Globalization;
using System.Text;

namespace Cairn.Evaluation.Text;

/// <summary>
/// Python's string semantics where the reference implementations depend on them: what counts as
/// whitespace for <c>str.split()</c> and <c>str.strip()</c>, <c>str.lower()</c> with its full case mapping,
/// and strings as sequences of code points rather than UTF-16 units.
/// </summary>
public static class PyText
{
    /// <summary>Python's <c>str.isspace</c> for one code point (it also counts U+001C..U+001F, which .NET does not).</summary>
    public static bool IsSpace(int c) => c switch
    {
        ' ' or (>= '\t' and <= '\r') or (>= '\u001c' and <= '\u001f') or '\u0085' or '\u00a0' or '\u1680'
            or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        _ => false,
    };

    /// <summary>Python's <c>str.split()</c> with no separator: runs of whitespace split, no empty parts.</summary>
    public static List<string> Split(string s)
    {
        var parts = new List<string>();
        var start = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (IsSpace(s[i]))
            {
                if (start >= 0)
                {
                    parts.Add(s[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            parts.Add(s[start..]);
        }

        return parts;
    }

    /// <summary>Python's <c>' '.join(s.split())</c>.</summary>
    public static string SqueezeSpaces(string s) => string.Join(' ', Split(s));

    /// <summary>Python's <c>str.strip()</c>.</summary>
    public static string Strip(string s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsSpace(s[a]))
        {
            a++;
        }

        while (b > a && IsSpace(s[b - 1]))
        {
            b--;
        }

        return a == 0 && b == s.Length ? s : s[a..b];
    }

    /// <summary>Python's <c>str.rstrip()</c>.</summary>
    public static string RStrip(string s)
    {
        var b = s.Length;
        while (b > 0 && IsSpace(s[b - 1]))
        {
            b--;
        }

        return b == s.Length ? s : s[..b];
    }

    /// <summary>The code points of <paramref name="s"/>; a lone surrogate stands for itself, as in Python.</summary>
    public static int[] CodePoints(string s)
    {
        var cps = new int[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cps[n++] = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            else
            {
                cps[n++] = c;
            }
        }

        return n == cps.Length ? cps : cps[..n];
    }

    /// <summary>The number of code points in <paramref name="s"/> (Python's <c>len</c>).</summary>
    public static int Length(string s)
    {
        var n = s.Length;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                n--;
                i++;
            }
        }

        return n;
    }

    /// <summary>Appends code point <paramref name="cp"/> to <paramref name="sb"/>.</summary>
    public static void Append(StringBuilder sb, int cp)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (cp < 0x10000)
        {
            sb.Append((char)cp);
        }
        else
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: the simple lowercase mapping, plus the full mapping of U+0130 to "i̇" and
    /// the final-sigma rule (Σ at the end of a word becomes ς).
    /// </summary>
    public static string Lower(string s)
    {
        var ascii = true;
        foreach (var c in s)
        {
            if (c >= 0x80 || c is >= 'A' and <= 'Z')
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length;)
        {
            Rune.DecodeFromUtf16(s.AsSpan(i), out var r, out var used);
            if (char.IsSurrogate(s[i]) && used == 1 && (i + 1 >= s.Length || !char.IsSurrogatePair(s[i], s[i + 1])))
            {
                sb.Append(s[i]); // a lone surrogate is kept as it is
            }
            else if (r.Value == 0x130)
            {
                sb.Append("i\u0307");
            }
            else if (r.Value == 0x3A3)
            {
                sb.Append(IsFinalSigma(s, i) ? '\u03c2' : '\u03c3');
            }
            else
            {
                sb.Append(Rune.ToLowerInvariant(r).ToString());
            }

            i += used;
        }

        return sb.ToString();
    }

    // Unicode's Final_Sigma condition: a cased letter before (skipping case-ignorables), none after.
    private static bool IsFinalSigma(string s, int at)
    {
        var j = at;
        var before = false;
        while (j > 0)
        {
            var (r, start) = RuneBefore(s, j);
            j = start;
            if (IsCaseIgnorable(r))
            {
                continue;
            }

            before = IsCased(r);
            break;
        }

        if (!before)
        {
            return false;
        }

        j = at + 1;
        while (j < s.Length)
        {
            Rune.DecodeFromUtf16(s.AsSpan(j), out var r, out var used);
            j += used;
            if (IsCaseIgnorable(r))
            {
                continue;
            }

            return !IsCased(r);
        }

        return true;
    }

    private static (Rune Rune, int Start) RuneBefore(string s, int end)
    {
        if (end >= 2 && char.IsSurrogatePair(s[end - 2], s[end - 1]))
        {
            return (new Rune(s[end - 2], s[end - 1]), end - 2);
        }

        return (Rune.IsValid(s[end - 1]) ? new Rune(s[end - 1]) : Rune.ReplacementChar, end - 1);
    }

    private static bool IsCased(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(Rune r) => r.Value is '\'' or '.' or ':' or '^' or '`' or 0xB7 or 0x2019
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}

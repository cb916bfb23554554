using System.Globalization;
using System.Text;

namespace Cairn.Evaluation.Text;

/// <summary>A sacreBLEU tokenizer: a line in, the tokenized line (tokens joined by single spaces) out.</summary>
public interface ISegmentTokenizer
{
    /// <summary>The name sacreBLEU gives it in signatures (<c>13a</c>, <c>intl</c>, …).</summary>
    string Name { get; }

    /// <summary>Tokenizes one line.</summary>
    string Tokenize(string line);
}

/// <summary>sacreBLEU's tokenizers: <c>13a</c> (mteval-v13a, the default), <c>intl</c> (mteval-v14 international), <c>char</c>, <c>zh</c> and <c>none</c>.</summary>
public static class BleuTokenizers
{
    /// <summary>The names accepted by <see cref="Get"/>.</summary>
    public static readonly string[] Names = ["13a", "intl", "char", "zh", "none"];

    /// <summary>The tokenizer called <paramref name="name"/>, or null when there is none.</summary>
    public static ISegmentTokenizer? Get(string name) => name switch
    {
        "13a" => Tokenizer13a.Instance,
        "intl" => TokenizerIntl.Instance,
        "char" => TokenizerChar.Instance,
        "zh" => TokenizerZh.Instance,
        "none" => TokenizerNone.Instance,
        _ => null,
    };

    /// <summary>
    /// sacreBLEU's shared regex stage (the one <c>13a</c> and <c>zh</c> end with): ASCII punctuation and symbols
    /// apart; periods and commas apart unless inside a number; a dash after a digit apart; then one space between tokens.
    /// Each of the four substitutions is a left-to-right, non-overlapping pass, as Python's <c>re.sub</c> makes them.
    /// </summary>
    public static string RegexpStage(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var n = line.Length;
        var a = Buffer(ref _a, (3 * n) + 8);
        var b = Buffer(ref _b, (6 * n) + 8);
        var len = 0;
        foreach (var c in line)
        {
            if (IsSeparatedSymbol(c))
            {
                a[len++] = ' ';
                a[len++] = c;
                a[len++] = ' ';
            }
            else
            {
                a[len++] = c;
            }
        }

        // ([^0-9])([\.,]) -> "\1 \2 "
        var blen = 0;
        for (var i = 0; i < len; i++)
        {
            if (i + 1 < len && !IsDigit(a[i]) && a[i + 1] is '.' or ',')
            {
                b[blen++] = a[i];
                b[blen++] = ' ';
                b[blen++] = a[i + 1];
                b[blen++] = ' ';
                i++;
            }
            else
            {
                b[blen++] = a[i];
            }
        }

        // ([\.,])([^0-9]) -> " \1 \2"
        a = Buffer(ref _a, (2 * blen) + 8);
        len = 0;
        for (var i = 0; i < blen; i++)
        {
            if (i + 1 < blen && b[i] is '.' or ',' && !IsDigit(b[i + 1]))
            {
                a[len++] = ' ';
                a[len++] = b[i];
                a[len++] = ' ';
                a[len++] = b[i + 1];
                i++;
            }
            else
            {
                a[len++] = b[i];
            }
        }

        // ([0-9])(-) -> "\1 \2 "; then one space between tokens.
        b = Buffer(ref _b, (2 * len) + 8);
        blen = 0;
        for (var i = 0; i < len; i++)
        {
            if (i + 1 < len && IsDigit(a[i]) && a[i + 1] == '-')
            {
                b[blen++] = a[i];
                b[blen++] = ' ';
                b[blen++] = '-';
                b[blen++] = ' ';
                i++;
            }
            else
            {
                b[blen++] = a[i];
            }
        }

        return Squeeze(b.AsSpan(0, blen));
    }

    [ThreadStatic]
    private static char[]? _a;

    [ThreadStatic]
    private static char[]? _b;

    private static char[] Buffer(ref char[]? buffer, int size)
    {
        if (buffer is null || buffer.Length < size)
        {
            buffer = new char[Math.Max(size, 256)];
        }

        return buffer;
    }

    // ' '.join(text.split()) without the intermediate list.
    private static string Squeeze(ReadOnlySpan<char> text)
    {
        Span<char> output = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (PyText.IsSpace(c))
            {
                pendingSpace = n > 0;
            }
            else
            {
                if (pendingSpace)
                {
                    output[n++] = ' ';
                    pendingSpace = false;
                }

                output[n++] = c;
            }
        }

        return new string(output[..n]);
    }

    /// <summary><c>([\{-\~\[-\` -\&amp;\(-\+\:-\@\/])</c> → <c> \1 </c>.</summary>
    public static string SeparateSymbols(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var a = new StringBuilder(line.Length * 2);
        foreach (var c in line)
        {
            if (IsSeparatedSymbol(c))
            {
                a.Append(' ').Append(c).Append(' ');
            }
            else
            {
                a.Append(c);
            }
        }

        return a.ToString();
    }

    /// <summary><c>([^0-9])([\.,])</c> → <c>\1 \2 </c>, then <c>([\.,])([^0-9])</c> → <c> \1 \2</c>.</summary>
    public static string SplitPeriodsAndCommas(string a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var b = new StringBuilder(a.Length + 16);
        for (var i = 0; i < a.Length; i++)
        {
            if (i + 1 < a.Length && !IsDigit(a[i]) && a[i + 1] is '.' or ',')
            {
                b.Append(a[i]).Append(' ').Append(a[i + 1]).Append(' ');
                i++;
            }
            else
            {
                b.Append(a[i]);
            }
        }

        var c = new StringBuilder(b.Length + 16);
        for (var i = 0; i < b.Length; i++)
        {
            if (i + 1 < b.Length && b[i] is '.' or ',' && !IsDigit(b[i + 1]))
            {
                c.Append(' ').Append(b[i]).Append(' ').Append(b[i + 1]);
                i++;
            }
            else
            {
                c.Append(b[i]);
            }
        }

        return c.ToString();
    }

    /// <summary><c>([0-9])(-)</c> → <c>\1 \2 </c>.</summary>
    public static string SplitDashAfterDigit(string a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var b = new StringBuilder(a.Length + 8);
        for (var i = 0; i < a.Length; i++)
        {
            if (i + 1 < a.Length && IsDigit(a[i]) && a[i + 1] == '-')
            {
                b.Append(a[i]).Append(" - ");
                i++;
            }
            else
            {
                b.Append(a[i]);
            }
        }

        return b.ToString();
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    // [\{-\~\[-\` -\&\(-\+\:-\@\/]
    private static bool IsSeparatedSymbol(char c) =>
        c is (>= '{' and <= '~') or (>= '[' and <= '`') or (>= ' ' and <= '&') or (>= '(' and <= '+') or (>= ':' and <= '@') or '/';

    private sealed class Tokenizer13a : ISegmentTokenizer
    {
        public static readonly Tokenizer13a Instance = new();

        public string Name => "13a";

        public string Tokenize(string line)
        {
            line = line.Replace("<skipped>", "", StringComparison.Ordinal)
                .Replace("-\n", "", StringComparison.Ordinal)
                .Replace('\n', ' ');
            if (line.Contains('&', StringComparison.Ordinal))
            {
                line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                    .Replace("&amp;", "&", StringComparison.Ordinal)
                    .Replace("&lt;", "<", StringComparison.Ordinal)
                    .Replace("&gt;", ">", StringComparison.Ordinal);
            }

            return RegexpStage(" " + line + " ");
        }
    }

    private sealed class TokenizerZh : ISegmentTokenizer
    {
        public static readonly TokenizerZh Instance = new();

        // sacreBLEU's table, including its two entries written as five-hex-digit escapes, which Python reads as a
        // four-digit code point followed by a digit: they compare as U+2001..U+2A6D and U+2F81..U+2FA1.
        private static readonly (int From, int To)[] Ranges =
        [
            (0x3400, 0x4db5), (0x4e00, 0x9fa5), (0x9fa6, 0x9fbb), (0xf900, 0xfa2d), (0xfa30, 0xfa6a), (0xfa70, 0xfad9),
            (0x2001, 0x2a6d), (0x2f81, 0x2fa1), (0xff00, 0xffef), (0x2e80, 0x2eff), (0x3000, 0x303f), (0x31c0, 0x31ef),
            (0x2f00, 0x2fdf), (0x2ff0, 0x2fff), (0x3100, 0x312f), (0x31a0, 0x31bf), (0xfe10, 0xfe1f), (0xfe30, 0xfe4f),
            (0x2600, 0x26ff), (0x2700, 0x27bf), (0x3200, 0x32ff), (0x3300, 0x33ff),
        ];

        public string Name => "zh";

        public string Tokenize(string line)
        {
            line = PyText.Strip(line);
            var sb = new StringBuilder(line.Length * 2);
            foreach (var cp in PyText.CodePoints(line))
            {
                if (IsChinese(cp))
                {
                    sb.Append(' ');
                    PyText.Append(sb, cp);
                    sb.Append(' ');
                }
                else
                {
                    PyText.Append(sb, cp);
                }
            }

            return RegexpStage(sb.ToString());
        }

        private static bool IsChinese(int cp)
        {
            foreach (var (from, to) in Ranges)
            {
                if (cp >= from && cp <= to)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class TokenizerIntl : ISegmentTokenizer
    {
        public static readonly TokenizerIntl Instance = new();

        public string Name => "intl";

        public string Tokenize(string line)
        {
            var cps = PyText.CodePoints(line);
            var a = new List<int>(cps.Length * 2);

            // (\P{N})(\p{P}) -> \1 \2
            for (var i = 0; i < cps.Length; i++)
            {
                if (i + 1 < cps.Length && !IsNumber(cps[i]) && IsPunctuation(cps[i + 1]))
                {
                    a.Add(cps[i]);
                    a.Add(' ');
                    a.Add(cps[i + 1]);
                    a.Add(' ');
                    i++;
                }
                else
                {
                    a.Add(cps[i]);
                }
            }

            // (\p{P})(\P{N}) -> " \1 \2"
            var b = new List<int>(a.Count + 16);
            for (var i = 0; i < a.Count; i++)
            {
                if (i + 1 < a.Count && IsPunctuation(a[i]) && !IsNumber(a[i + 1]))
                {
                    b.Add(' ');
                    b.Add(a[i]);
                    b.Add(' ');
                    b.Add(a[i + 1]);
                    i++;
                }
                else
                {
                    b.Add(a[i]);
                }
            }

            // (\p{S}) -> " \1 "
            var sb = new StringBuilder(b.Count * 2);
            foreach (var cp in b)
            {
                if (IsSymbol(cp))
                {
                    sb.Append(' ');
                    PyText.Append(sb, cp);
                    sb.Append(' ');
                }
                else
                {
                    PyText.Append(sb, cp);
                }
            }

            return PyText.SqueezeSpaces(sb.ToString());
        }

        private static UnicodeCategory Category(int cp) =>
            Rune.IsValid(cp) ? Rune.GetUnicodeCategory(new Rune(cp)) : UnicodeCategory.Surrogate;

        private static bool IsNumber(int cp) => Category(cp) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

        private static bool IsPunctuation(int cp) => Category(cp) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

        private static bool IsSymbol(int cp) => Category(cp) is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
    }

    private sealed class TokenizerChar : ISegmentTokenizer
    {
        public static readonly TokenizerChar Instance = new();

        public string Name => "char";

        public string Tokenize(string line)
        {
            var sb = new StringBuilder(line.Length * 2);
            foreach (var cp in PyText.CodePoints(line))
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                PyText.Append(sb, cp);
            }

            return sb.ToString();
        }
    }

    private sealed class TokenizerNone : ISegmentTokenizer
    {
        public static readonly TokenizerNone Instance = new();

        public string Name => "none";

        public string Tokenize(string line) => line;
    }
}

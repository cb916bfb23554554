using System.Text;

namespace Cairn.Evaluation.Text;

/// <summary>Options of TER, named and defaulted as sacreBLEU's <c>TER(...)</c>.</summary>
public sealed record TerOptions
{
    public bool Normalized { get; init; }
    public bool NoPunct { get; init; }
    public bool AsianSupport { get; init; }
    public bool CaseSensitive { get; init; }
}

/// <summary>sacreBLEU's Tercom tokenizer: lowercasing, Tercom's normalization (western and Asian), punctuation removal.</summary>
public static class TercomNormalizer
{
    /// <summary>Normalizes one line as <c>TercomTokenizer.__call__</c> does, returning tokens joined by single spaces.</summary>
    public static string Normalize(string sentence, TerOptions options)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(options);
        if (sentence.Length == 0)
        {
            return "";
        }

        if (!options.CaseSensitive)
        {
            sentence = PyText.Lower(sentence);
        }

        if (options.Normalized)
        {
            sentence = GeneralAndWestern(sentence);
            if (options.AsianSupport)
            {
                sentence = Asian(sentence);
            }
        }

        if (options.NoPunct)
        {
            sentence = Remove(sentence, c => c is '.' or ',' or '?' or ':' or ';' or '!' or '"' or '(' or ')');
            if (options.AsianSupport)
            {
                sentence = Remove(sentence, c => IsAsianPunct(c) || IsFullWidthPunct(c));
            }
        }

        return PyText.SqueezeSpaces(sentence);
    }

    private static string GeneralAndWestern(string s)
    {
        s = s.Replace("\n-", "", StringComparison.Ordinal).Replace('\n', ' ')
            .Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
        s = BleuTokenizers.SeparateSymbols(" " + s + " ");
        s = s.Replace("'s ", " 's ", StringComparison.Ordinal);

        // Tercom's "'s$" never matches here: the line was padded with a space above.
        return BleuTokenizers.SplitDashAfterDigit(BleuTokenizers.SplitPeriodsAndCommas(s));
    }

    // The hiragana, katakana and katakana-extension rules of sacreBLEU's _normalize_asian are anchored at the
    // start of a line that always begins with the padding space, so they never match and are left out.
    private static string Asian(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (c is (>= '\u4e00' and <= '\u9fff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u31c0' and <= '\u31ef')
                or (>= '\u2e80' and <= '\u2eff') or (>= '\u3300' and <= '\u33ff') or (>= '\uf900' and <= '\ufaff')
                or (>= '\ufe30' and <= '\ufe4f') or (>= '\u3200' and <= '\u3f22') || IsAsianPunct(c) || IsFullWidthPunct(c))
            {
                sb.Append(' ').Append(c).Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool IsAsianPunct(char c) =>
        c is '\u3001' or '\u3002' or (>= '\u3008' and <= '\u3011') or (>= '\u3014' and <= '\u301f') or (>= '\uff61' and <= '\uff65') or '\u30fb';

    private static bool IsFullWidthPunct(char c) =>
        c is '\uff0e' or '\uff0c' or '\uff1f' or '\uff1a' or '\uff1b' or '\uff01' or '\uff02' or '\uff08' or '\uff09';

    private static string Remove(string s, Func<char, bool> drop)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!drop(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

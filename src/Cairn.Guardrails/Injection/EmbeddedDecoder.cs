using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Cairn.Guardrails.Injection;

/// <summary>A hidden text found inside a larger one: how it was encoded, where it sits (UTF-16), and what it says.</summary>
public sealed record DecodedSegment(string Encoding, int Start, int End, string Text);

/// <summary>
/// Finds text smuggled in an encoding and decodes it, so the detector reads what the model would: base64 (standard
/// and URL-safe), hex (plain, <c>\x</c>-escaped or in spaced pairs), percent-encoding, Unicode tag characters
/// (invisible ASCII), and ROT13 — the last only proposed; the detector keeps it when it reads as an attack. A
/// decoded run counts only when it is mostly printable UTF-8 text with letters in it.
/// </summary>
public static partial class EmbeddedDecoder
{
    private const int MaxSegments = 16;

    public static List<DecodedSegment> Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<DecodedSegment>();
        foreach (Match m in Base64Run().Matches(text))
        {
            if (found.Count < MaxSegments && FromBase64(m.Value) is { } s)
            {
                found.Add(new DecodedSegment("base64", m.Index, m.Index + m.Length, s));
            }
        }

        foreach (Match m in HexRun().Matches(text))
        {
            if (found.Count < MaxSegments && FromHex(m.Value) is { } s)
            {
                found.Add(new DecodedSegment("hex", m.Index, m.Index + m.Value.TrimEnd(' ', ':', ',').Length, s));
            }
        }

        foreach (Match m in PercentRun().Matches(text))
        {
            if (found.Count < MaxSegments && Count(m.Value, '%') >= 3 && FromPercent(m.Value) is { } s)
            {
                found.Add(new DecodedSegment("percent", m.Index, m.Index + m.Length, s));
            }
        }

        foreach (Match m in EscapeRun().Matches(text))
        {
            if (found.Count < MaxSegments && FromEscapes(m.Value) is { } s)
            {
                found.Add(new DecodedSegment("unicode-escapes", m.Index, m.Index + m.Value.TrimEnd(' ').Length, s));
            }
        }

        if (TagText(text) is { } tags)
        {
            found.Add(tags);
        }

        return found;
    }

    /// <summary>ROT13 of the letters of <paramref name="text"/> (A–Z and a–z), the rest unchanged.</summary>
    public static string Rot13(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                var c = t[i];
                span[i] = c switch
                {
                    >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
                    >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
                    _ => c,
                };
            }
        });
    }

    private static string? FromBase64(string run)
    {
        var s = run.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        if (s.Length % 4 == 1 || !s.Any(char.IsDigit) && !s.Any(char.IsUpper))
        {
            return null;
        }

        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        var bytes = new byte[s.Length * 3 / 4];
        return Convert.TryFromBase64String(s, bytes, out var n) ? AsText(bytes.AsSpan(0, n)) : null;
    }

    private static string? FromHex(string run)
    {
        var digits = new StringBuilder(run.Length);
        for (var i = 0; i < run.Length; i++)
        {
            if (Uri.IsHexDigit(run[i]) && !(run[i] is 'x' or 'X'))
            {
                if (run[i] == '0' && i + 1 < run.Length && run[i + 1] is 'x' or 'X')
                {
                    i++;
                    continue;
                }

                digits.Append(run[i]);
            }
        }

        if (digits.Length % 2 != 0)
        {
            return null;
        }

        try
        {
            return AsText(Convert.FromHexString(digits.ToString()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? FromEscapes(string run)
    {
        var sb = new StringBuilder(run.Length / 6);
        foreach (Match m in OneEscape().Matches(run))
        {
            sb.Append((char)Convert.ToInt32(m.Groups[1].Value, 16));
        }

        var s = sb.ToString();
        return s.Count(char.IsLetter) >= 4 ? s : null;
    }

    private static string? FromPercent(string run)
    {
        try
        {
            var decoded = Uri.UnescapeDataString(run.Replace('+', ' '));
            return decoded.Contains('\uFFFD', StringComparison.Ordinal) || decoded.Count(char.IsLetter) < 4 ? null : decoded;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    // U+E0020..U+E007E mirror ASCII and render as nothing: "ASCII smuggling".
    private static DecodedSegment? TagText(string text)
    {
        var sb = new StringBuilder();
        int first = -1, last = -1;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '\uDB40' && text[i + 1] is >= '\uDC20' and <= '\uDC7E')
            {
                sb.Append((char)(text[i + 1] - 0xDC00));
                first = first < 0 ? i : first;
                last = i + 2;
                i++;
            }
        }

        return sb.Length >= 4 ? new DecodedSegment("unicode-tags", first, last, sb.ToString()) : null;
    }

    private static string? AsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || Utf8.IsValid(bytes) is false)
        {
            return null;
        }

        var s = Encoding.UTF8.GetString(bytes);
        var printable = 0;
        var letters = 0;
        foreach (var c in s)
        {
            printable += char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? 0 : 1;
            letters += char.IsLetter(c) ? 1 : 0;
        }

        // Words: spaces between them, or a script written without (Chinese, Japanese).
        var words = s.Contains(' ', StringComparison.Ordinal) || s.Count(c => c >= '\u2E80') >= 4;
        return printable >= s.Length * 0.95 && letters >= s.Length * 0.5 && words ? s : null;
    }

    private static int Count(string s, char c) => s.AsSpan().Count(c);

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{16,}={0,2}", RegexOptions.NonBacktracking)]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"(?:(?:\\x|0x)?[0-9A-Fa-f]{2}[ :,]?){8,}", RegexOptions.NonBacktracking)]
    private static partial Regex HexRun();

    [GeneratedRegex(@"(?:\\u[0-9A-Fa-f]{4}[ ]?){4,}", RegexOptions.NonBacktracking)]
    private static partial Regex EscapeRun();

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})", RegexOptions.NonBacktracking)]
    private static partial Regex OneEscape();

    [GeneratedRegex(@"[A-Za-z0-9%+._~-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9+._~-]*){3,}", RegexOptions.NonBacktracking)]
    private static partial Regex PercentRun();
}

namespace Cairn.Guardrails.Pii;

/// <summary>
/// Phone numbers in E.164 (<c>+</c>, country code, national significant number; other countries by shape, at 0.6)
/// and in the national formats of the United States (NANP), the United Kingdom, Nigeria, Germany, France and India, each checked against its
/// numbering plan (which leading digits and lengths are allocated) rather than a digit count. A number written
/// with its <c>+</c> scores 0.9; a national one 0.4, under the threshold until a context word ("phone", "tel",
/// "appel", "teléfono", "Telefon", …) raises it.
/// </summary>
public sealed class PhoneNumbers : IPiiRecognizer
{
    private static readonly System.Buffers.SearchValues<char> Starts = System.Buffers.SearchValues.Create("0123456789+(");
    private static readonly System.Buffers.SearchValues<char> Members = System.Buffers.SearchValues.Create("0123456789 -.()+/");

    public IReadOnlyList<string> Entities { get; } = ["PHONE_NUMBER"];

    public IReadOnlyList<string> Context { get; } =
    [
        "phone", "tel", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "phone number",
        "téléphone", "tél", "portable", "appeler", "appelez", "teléfono", "tel.", "móvil", "celular", "llamar", "llame", "llamarme", "llámame", "llamame", "llámenos",
        "Telefon", "Handy", "Mobil", "anrufen", "Rufnummer", "Telefonnummer",
    ];

    public void Analyze(string text, List<PiiEntity> found)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(found);
        foreach (var (start, length) in Windows.RunsFrom(text, Starts, Members, 7, r => Windows.Count(r, char.IsAsciiDigit) >= 7))
        {
            var last = start + length;
            while (last > start && text[last - 1] is ' ' or '-' or '.' or '/' or '(')
            {
                last--;
            }

            if ((start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '-')) || (last < text.Length && (char.IsLetter(text[last]) || text[last] == ':')))
            {
                continue; // part of a word, a code, or a time ("2023-12-25 09:00")
            }

            // A run may hold several numbers: split at "/", at two or more spaces, and before a "+" that does not start it.
            var s = start;
            for (var i = start; i <= start + length; i++)
            {
                var split = i == start + length || text[i] == '/' || (text[i] == ' ' && i + 1 < start + length && text[i + 1] == ' ')
                    || (text[i] == '+' && i > s && !(i == s + 1 && text[s] == '('));
                if (split)
                {
                    Part(text, s, i, found);
                    s = text[i < text.Length ? i : i - 1] == '+' && i < start + length ? i : i + 1;
                }
            }
        }
    }

    // One candidate: scored whole, else as two numbers separated by a single space ("0612345678 0698765432").
    private static void Part(string text, int s, int e, List<PiiEntity> found)
    {
        while (s < e && text[s] is ' ' or '-' or '.')
        {
            s++;
        }

        while (e > s && text[e - 1] is ' ' or '-' or '.' or '/' or '(')
        {
            e--;
        }

        // "(+44 20 7946 0958)": brackets around the whole number are punctuation, not part of it.
        if (e - s > 2 && text[s] == '(' && text[s + 1] == '+' && text[e - 1] == ')')
        {
            s++;
            e--;
        }

        if (e - s is < 7 or > 48)
        {
            return; // no phone number is written in more than 48 characters
        }

        if (Score(text.AsSpan(s, e - s)) is { } score)
        {
            found.Add(new PiiEntity("PHONE_NUMBER", s, e, score, "phone (E.164 and six national numbering plans)"));
            return;
        }

        for (var k = s + 1; k < e - 1; k++)
        {
            if (text[k] == ' ' && Score(text.AsSpan(s, k - s)) is { } left && Score(text.AsSpan(k + 1, e - k - 1)) is { } right)
            {
                found.Add(new PiiEntity("PHONE_NUMBER", s, k, left, "phone (E.164 and six national numbering plans)"));
                found.Add(new PiiEntity("PHONE_NUMBER", k + 1, e, right, "phone (E.164 and six national numbering plans)"));
                return;
            }
        }
    }

    /// <summary>The score of a candidate, or null when no numbering plan allocates it.</summary>
    public static double? Score(ReadOnlySpan<char> candidate)
    {
        if (!Balanced(candidate) || candidate.IndexOf("--".AsSpan()) >= 0 || candidate.Count('.') > 4)
        {
            return null;
        }

        var international = candidate[0] == '+' || candidate.StartsWith("(+".AsSpan()) || candidate.StartsWith("00".AsSpan());
        if (candidate.Length >= 10 && char.IsAsciiDigit(candidate[0]) && candidate[4] == '-' && candidate[7] == '-' && candidate[..4].ToString().All(char.IsAsciiDigit))
        {
            return null; // a date: 2023-12-25
        }
        var digits = new System.Text.StringBuilder();
        var plusSeen = false;
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (c == '+')
            {
                if (plusSeen || !(i == 0 || (i == 1 && candidate[0] == '(')))
                {
                    return null;
                }

                plusSeen = true;
            }
            else if (c == '(' && i + 2 < candidate.Length && candidate[i + 1] == '0' && candidate[i + 2] == ')' && international)
            {
                i += 2; // "+44 (0)20 …": the trunk prefix written in an international number
            }
            else if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var d = digits.ToString();
        if (international)
        {
            if (d.StartsWith("00", StringComparison.Ordinal))
            {
                d = d[2..];
            }

            return International(d) ? 0.9 : OtherCountry(d) ? 0.6 : null;
        }

        // Written like a US SSN (3-2-4) it is not dialled as a phone number anywhere.
        if (candidate.Length == 11 && candidate[3] == '-' && candidate[6] == '-')
        {
            return null;
        }

        return National(d) ? 0.4 : null;
    }

    private static bool Balanced(ReadOnlySpan<char> s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth is < 0 or > 1)
            {
                return false;
            }
        }

        return depth == 0;
    }

    private static bool International(string d) => d.Length <= 15 && (
        (d.StartsWith('1') && Nanp(d[1..]))
        || (d.StartsWith("44", StringComparison.Ordinal) && Uk(d[2..]))
        || (d.StartsWith("234", StringComparison.Ordinal) && Nigeria(d[3..]))
        || (d.StartsWith("49", StringComparison.Ordinal) && Germany(d[2..]))
        || (d.StartsWith("33", StringComparison.Ordinal) && France(d[2..]))
        || (d.StartsWith("91", StringComparison.Ordinal) && India(d[2..])));

    private static readonly HashSet<int> TwoDigitCodes =
    [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
        60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ];

    /// <summary>
    /// E.164 for the other countries: an ITU country code (one digit for 1 and 7, two digits from the assigned list,
    /// else three) and a national number, 9 to 15 digits in all. The six plans above are checked in detail; these
    /// only by shape, so they score lower.
    /// </summary>
    private static bool OtherCountry(string d)
    {
        if (d.Length is < 9 or > 15 || d[0] == '0')
        {
            return false;
        }

        var cc = d[0] is '1' or '7' ? 1 : TwoDigitCodes.Contains(int.Parse(d.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture)) ? 2 : 3;
        var covered = (cc == 1 && d[0] == '1') || d.StartsWith("44", StringComparison.Ordinal) || d.StartsWith("234", StringComparison.Ordinal)
            || d.StartsWith("49", StringComparison.Ordinal) || d.StartsWith("33", StringComparison.Ordinal) || d.StartsWith("91", StringComparison.Ordinal);
        return !covered && d.Length - cc >= 6 && d[cc] != '0';
    }

    // A number written without its country code: any of the six plans, with its trunk prefix where the plan has one.
    private static bool National(string d) =>
        Nanp(d) || (d.Length == 11 && d[0] == '1' && Nanp(d[1..]))
        || (d.Length > 1 && d[0] == '0' && (Uk(d[1..]) || Nigeria(d[1..]) || Germany(d[1..]) || France(d[1..]) || India(d[1..])))
        || (d.Length == 10 && d[0] is >= '6' and <= '9' && India(d));

    /// <summary>NANP: NXX-NXX-XXXX, area and exchange codes starting 2–9 and not N11 (211, 911, …).</summary>
    public static bool Nanp(string n) =>
        n.Length == 10 && n[0] is >= '2' and <= '9' && n[3] is >= '2' and <= '9' && !(n[1] == '1' && n[2] == '1') && !(n[4] == '1' && n[5] == '1');

    /// <summary>UK national significant numbers: 10 digits for geographic (1, 2), non-geographic (3), mobile and personal (7), freephone and special (8), premium (9); some 9-digit 1 and 800 numbers.</summary>
    public static bool Uk(string n) => n.Length switch
    {
        10 => n[0] is '1' or '2' or '3' or '7' or '8' or '9' && !(n[0] == '7' && n[1] == '0' && n[2] == '0' && n[3] == '0'),
        9 => n[0] == '1' || n.StartsWith("800", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Nigeria: mobile numbers 70x, 80x, 81x, 90x, 91x with 10 digits; Lagos and Abuja fixed lines (1, 9) with 8.</summary>
    public static bool Nigeria(string n) =>
        (n.Length == 10 && (n.StartsWith("70", StringComparison.Ordinal) || n.StartsWith("80", StringComparison.Ordinal) || n.StartsWith("81", StringComparison.Ordinal)
            || n.StartsWith("90", StringComparison.Ordinal) || n.StartsWith("91", StringComparison.Ordinal)))
        || (n.Length == 8 && n[0] is '1' or '9');

    /// <summary>Germany: mobile 15x, 16x, 17x with 10–11 digits; fixed lines from an area code starting 2–9, 9–11 digits in all.</summary>
    public static bool Germany(string n) =>
        (n.Length is 10 or 11 && n[0] == '1' && n[1] is '5' or '6' or '7')
        || (n.Length is >= 9 and <= 11 && n[0] is >= '2' and <= '9');

    /// <summary>France: nine digits after the trunk 0 (or +33), the first 1–9 (1–5 geographic, 6–7 mobile, 8 special, 9 internet telephony).</summary>
    public static bool France(string n) => n.Length == 9 && n[0] is >= '1' and <= '9';

    /// <summary>India: ten digits; mobiles start 6–9, fixed lines (area code and subscriber number) 1–5.</summary>
    public static bool India(string n) => n.Length == 10 && n[0] is >= '1' and <= '9';
}

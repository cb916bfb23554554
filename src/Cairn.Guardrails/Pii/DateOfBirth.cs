using System.Globalization;
using System.Text.RegularExpressions;

namespace Cairn.Guardrails.Pii;

/// <summary>
/// Dates of birth: a real calendar date (numeric, ISO, or with a month name in English, French, Spanish or German)
/// that a birth word precedes within a few words ("born", "date of birth", "né le", "fecha de nacimiento",
/// "geboren am", …). A date without such a word is not a date of birth and is not reported.
/// </summary>
public static class DateOfBirth
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6,
        ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
        ["janvier"] = 1, ["février"] = 2, ["fevrier"] = 2, ["mars"] = 3, ["avril"] = 4, ["mai"] = 5, ["juin"] = 6, ["juillet"] = 7, ["août"] = 8, ["aout"] = 8,
        ["septembre"] = 9, ["octobre"] = 10, ["novembre"] = 11, ["décembre"] = 12, ["decembre"] = 12,
        ["enero"] = 1, ["febrero"] = 2, ["marzo"] = 3, ["abril"] = 4, ["mayo"] = 5, ["junio"] = 6, ["julio"] = 7, ["agosto"] = 8, ["septiembre"] = 9, ["setiembre"] = 9,
        ["octubre"] = 10, ["noviembre"] = 11, ["diciembre"] = 12,
        ["januar"] = 1, ["jänner"] = 1, ["februar"] = 2, ["märz"] = 3, ["maerz"] = 3, ["juni"] = 6, ["juli"] = 7, ["oktober"] = 10, ["dezember"] = 12,
    };

    private static readonly string[] BirthWords =
    [
        "born", "birth", "dob", "d.o.b", "birthday", "date of birth", "birthdate",
        "né", "née", "naissance", "date de naissance",
        "nacido", "nacida", "nacimiento", "fecha de nacimiento", "f. nac",
        "geboren", "geburtsdatum", "geburtstag", "geb.",
    ];

    private static readonly Regex Pattern = new(
        @"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}|[0-9]{1,2}\.? (de )?\p{L}{3,10}\.?,? (de )?[0-9]{4}|\p{L}{3,10}\.? [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}",
        PatternRecognizer.Options | RegexOptions.IgnoreCase);

    public static PatternRecognizer Recognizer() => new(
        "DATE_OF_BIRTH", "date of birth (a real date after a birth word)", Pattern, Validate, BirthWords,
        windows: BirthWindows);

    private static readonly System.Buffers.SearchValues<string> BirthWordValues = System.Buffers.SearchValues.Create(BirthWords, StringComparison.OrdinalIgnoreCase);

    // The 84 characters from each birth word on (a date of birth follows its word closely), found in one vectorized search.
    private static IEnumerable<(int Start, int Length)> BirthWindows(string text)
    {
        var merged = new List<(int Start, int End)>();
        for (var i = 0; i < text.Length;)
        {
            var at = text.AsSpan(i).IndexOfAny(BirthWordValues);
            if (at < 0)
            {
                break;
            }

            at += i;
            if (!WordAt(text, at))
            {
                i = at + 1;
                continue;
            }

            var end = Math.Min(text.Length, at + 84);
            if (merged.Count > 0 && at <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((at, end));
            }

            i = at + 1;
        }

        return merged.Select(m => (m.Start, m.End - m.Start));
    }

    private static double? Validate(string text, Match m)
    {
        if (PatternRecognizer.Embedded(text, m, char.IsLetterOrDigit) || Parse(m.Value) is not { } date)
        {
            return null;
        }

        if (date.Year < 1900 || date > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            return null;
        }

        var from = Math.Max(0, m.Index - 48);
        var before = text[from..m.Index];
        foreach (var w in BirthWords)
        {
            for (var at = before.IndexOf(w, StringComparison.OrdinalIgnoreCase); at >= 0; at = before.IndexOf(w, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (WordAt(text, from + at, w.Length))
                {
                    return 0.85;
                }
            }
        }

        return null;
    }

    // Whether a birth word starts at index (as a whole word: "born" but not "Osborne", "né" but not "année" or "généré").
    private static bool WordAt(string text, int at, int length = -1)
    {
        if (at > 0 && char.IsLetter(text[at - 1]))
        {
            return false;
        }

        if (length < 0)
        {
            length = BirthWords.Where(w => string.Compare(text, at, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0).Select(w => w.Length).DefaultIfEmpty(0).Max();
        }

        var end = at + length;
        return length > 0 && (end >= text.Length || !char.IsLetter(text[end]) || text[end - 1] == '.');
    }

    /// <summary>The calendar date a matched string names, or null when it names none (31 April, month 13).</summary>
    public static DateOnly? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = Regex.Split(value.Replace(",", " ", StringComparison.Ordinal), @"[\s./-]+").Where(p => p.Length > 0 && !p.Equals("de", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (parts.Length != 3)
        {
            return null;
        }

        int day, month, year;
        if (parts[0].Length == 4 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            (month, day) = (Int(parts[1]), Int(parts[2]));
        }
        else if (Months.TryGetValue(parts[0].TrimEnd('.'), out month))
        {
            (day, year) = (Int(new string(parts[1].TakeWhile(char.IsDigit).ToArray())), Int(parts[2]));
        }
        else if (Months.TryGetValue(parts[1].TrimEnd('.'), out month))
        {
            (day, year) = (Int(parts[0]), Int(parts[2]));
        }
        else
        {
            // Numeric day-first (most of the world) or month-first (US): take the reading that is a real date, day-first when both are.
            (day, month, year) = (Int(parts[0]), Int(parts[1]), Int(parts[2]));
            if (month > 12 && day <= 12)
            {
                (day, month) = (month, day);
            }
        }

        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static int Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
}

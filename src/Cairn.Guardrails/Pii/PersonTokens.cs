using System.Globalization;

namespace Cairn.Guardrails.Pii;

/// <summary>How a word is written, as far as names go.</summary>
internal enum TokenShape : byte
{
    /// <summary>Capitalised (Smith, McDonald, O'Neil, Jean-Pierre, al-Hassan).</summary>
    Word,

    /// <summary>Two or more capitals and no lower-case letter (SMITH, IBM).</summary>
    AllCaps,

    /// <summary>One or more initials, each a capital and a period (J., J.R.R.).</summary>
    Initial,

    /// <summary>A lower-case name particle (van, de, bin).</summary>
    Particle,

    /// <summary>Anything else: a lower-case word, a single capital, part of an address, handle or code.</summary>
    Other,
}

/// <summary>A word of the text: where it is, what the lists say of it, how it is written.</summary>
/// <param name="Start">First UTF-16 index.</param>
/// <param name="End">One past the word (a possessive 's and a trailing period left out).</param>
/// <param name="After">One past everything read: the word, its possessive, the period of an initial or title.</param>
/// <param name="Kind">What the name lists say of it.</param>
/// <param name="Shape">How it is written.</param>
/// <param name="Possessive">Written with 's (the name ends there).</param>
internal readonly record struct NameToken(int Start, int End, int After, NameKind Kind, TokenShape Shape, bool Possessive)
{
    public bool Named => (Kind & (NameKind.Given | NameKind.Surname)) != 0;

    /// <summary>A given name that is not also a common word.</summary>
    public bool Given => (Kind & (NameKind.Given | NameKind.Stop)) == NameKind.Given;

    /// <summary>A surname that is not also a common word.</summary>
    public bool Surname => (Kind & (NameKind.Surname | NameKind.Stop)) == NameKind.Surname;

    public bool Ambiguous => Named && (Kind & NameKind.Stop) != 0;

    /// <summary>All capitals and in no name list: an acronym more often than a name.</summary>
    public bool UnknownCaps => Shape == TokenShape.AllCaps && !Named;

    public bool Is(NameKind kind) => (Kind & kind) != 0;
}

/// <summary>Reads one word at a time, with its kinds looked up in <see cref="NameLists"/> without allocating.</summary>
internal static class PersonTokens
{
    private const int MaxNormalized = 48;

    public static bool IsLetter(char c) =>
        char.IsAsciiLetter(c) || (c > '\u007f' && (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark));

    private static bool Apostrophe(char c) => c is '\'' or '\u2019';

    /// <summary>The word starting at <paramref name="start"/> (a letter).</summary>
    public static NameToken Read(string text, int start)
    {
        var n = text.Length;
        if (char.IsUpper(text[start]) && start + 1 < n && text[start + 1] == '.')
        {
            return Initials(text, start);
        }

        var end = start + 1;
        while (end < n && (IsLetter(text[end]) || ((text[end] == '-' || Apostrophe(text[end])) && end + 1 < n && IsLetter(text[end + 1]))))
        {
            end++;
        }

        var after = end;
        if (Embedded(text, start, end))
        {
            return new NameToken(start, end, after, NameKind.None, TokenShape.Other, false);
        }

        var possessive = end - start > 3 && Apostrophe(text[end - 2]) && text[end - 1] is 's' or 'S';
        if (possessive)
        {
            end -= 2;
        }

        var word = text.AsSpan(start, end - start);
        if (!char.IsUpper(word[0]))
        {
            var kind = word.Length <= 5 ? NameLists.Of(word) : NameKind.None; // no particle is longer than "della"
            if ((kind & NameKind.Particle) != 0)
            {
                return new NameToken(start, end, after, kind, TokenShape.Particle, possessive);
            }

            // "al-Hassan", "d'Arc", "el-Sayed": a short lower-case prefix, then the name.
            var cut = word.IndexOfAny('-', '\'', '\u2019');
            return cut is >= 1 and <= 3 && cut + 1 < word.Length && char.IsUpper(word[cut + 1])
                ? new NameToken(start, end, after, Segment(word[(cut + 1)..]) & ~NameKind.Given, TokenShape.Word, possessive)
                : new NameToken(start, end, after, kind, TokenShape.Other, possessive);
        }

        if (word.Length == 1)
        {
            return new NameToken(start, end, after, NameKind.None, TokenShape.Other, possessive);
        }

        var caps = AllCaps(word);
        var found = caps ? Normalized(word) : NameLists.Of(word);
        if (found == NameKind.None && word.Contains('-'))
        {
            var first = word[..word.IndexOf('-')];
            var last = word[(word.LastIndexOf('-') + 1)..];
            found = (Segment(first) & (NameKind.Given | NameKind.Stop)) | (Segment(last) & (NameKind.Surname | NameKind.Stop));
        }

        if (found == NameKind.None && !caps && CommonNoun(word))
        {
            found = NameKind.Stop;
        }

        return new NameToken(start, end, after, found, caps ? TokenShape.AllCaps : TokenShape.Word, possessive);
    }

    // Endings of English, French and Spanish nouns and adjectives that names in no list hardly have:
    // "Customer Satisfaction Survey", "Remote Infrastructure", "Data Analytics" are not people.
    private static readonly string[] NounEndings = ["tion", "sion", "ción", "sión", "ment", "ness", "ship", "ity", "ité", "idad", "ance", "ence", "ncy", "ology", "ogy", "ism", "ics", "ware", "ive", "ure", "ist"];

    private static bool CommonNoun(ReadOnlySpan<char> word)
    {
        foreach (var ending in NounEndings)
        {
            if (word.Length > ending.Length + 1 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllCaps(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    // A segment of a hyphenated word, as written or (all capitals) in title case.
    private static NameKind Segment(ReadOnlySpan<char> part) =>
        part.Length > 1 && AllCaps(part) ? Normalized(part) : NameLists.Of(part);

    // SMITH is looked up as Smith (O'NEIL as O'Neil); never as a title, HR is not Hr.
    private static NameKind Normalized(ReadOnlySpan<char> word)
    {
        var exact = NameLists.Of(word) & ~NameKind.Title;
        if (exact != NameKind.None || word.Length > MaxNormalized)
        {
            return exact;
        }

        Span<char> buffer = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            buffer[i] = i == 0 || word[i - 1] is '-' or '\'' or '\u2019' ? word[i] : char.ToLowerInvariant(word[i]);
        }

        return NameLists.Of(buffer) & ~NameKind.Title;
    }

    // "J.", "J.R.R." ("J. R." is two tokens): capitals each followed by a period, with no space inside.
    private static NameToken Initials(string text, int start)
    {
        var n = text.Length;
        var after = start;
        do
        {
            after += 2;
        }
        while (after + 1 < n && char.IsUpper(text[after]) && text[after + 1] == '.');

        if (after < n && IsLetter(text[after]))
        {
            return new NameToken(start, after, after, NameKind.None, TokenShape.Other, false); // "J.Smith": part of an identifier
        }

        var kind = after == start + 2 ? NameLists.Of(text.AsSpan(start, 1)) : NameKind.None;
        return new NameToken(start, after, after, kind, TokenShape.Initial, false);
    }

    // Part of an e-mail address, a path, a handle, a file name or code: "john.Smith@", "@Smith", "Smith_2".
    private static bool Embedded(string text, int start, int end)
    {
        if (start > 0 && text[start - 1] is '@' or '_' or '/' or '\\' or '#' or '.' or '$' or '%' or '&' or '+' or '=' or '~' or '<')
        {
            return text[start - 1] != '.' || start < 2 || !char.IsLetterOrDigit(text[start - 2]);
        }

        return end < text.Length && (text[end] is '@' or '_' or '>' || char.IsAsciiDigit(text[end])
            || (text[end] is '.' or ':' or '/' && end + 1 < text.Length && (char.IsLetterOrDigit(text[end + 1]) || text[end + 1] == '/')));
    }
}

namespace Cairn.Guardrails.Pii;

/// <summary>
/// Where a recognizer's pattern can match at all, found by a vectorizable scan: runs of the characters an
/// identifier is made of, or the surroundings of an anchor such as <c>@</c>. Patterns then run only there.
/// </summary>
public static class Windows
{
    /// <summary>
    /// Maximal runs of <paramref name="members"/> at least <paramref name="minLength"/> long that <paramref name="accept"/> takes;
    /// found with vectorized searches, so text without such characters costs almost nothing.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Runs(string text, System.Buffers.SearchValues<char> members, int minLength, Func<ReadOnlyMemory<char>, bool>? accept = null) =>
        RunsFrom(text, members, members, minLength, accept);

    /// <summary>
    /// Like <see cref="Runs"/>, but a run must start with one of <paramref name="starts"/> (e.g. a digit) and continues
    /// over <paramref name="members"/> (e.g. digits, spaces and hyphens): spaces alone never open a window.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> RunsFrom(
        string text, System.Buffers.SearchValues<char> starts, System.Buffers.SearchValues<char> members, int minLength, Func<ReadOnlyMemory<char>, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.AsSpan(i).IndexOfAny(starts);
            if (start < 0)
            {
                yield break;
            }

            start += i;
            var length = text.AsSpan(start).IndexOfAnyExcept(members);
            if (length < 0)
            {
                length = text.Length - start;
            }

            if (length >= minLength && (accept is null || accept(text.AsMemory(start, length))))
            {
                yield return (start, length);
            }

            i = start + Math.Max(1, length);
        }
    }

    public static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");
    public static readonly System.Buffers.SearchValues<char> UpperOrDigits = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    public static readonly System.Buffers.SearchValues<char> CardCharacters = System.Buffers.SearchValues.Create("0123456789 -");
    public static readonly System.Buffers.SearchValues<char> IbanCharacters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ");
    public static readonly System.Buffers.SearchValues<char> IpV4Characters = System.Buffers.SearchValues.Create("0123456789./");
    public static readonly System.Buffers.SearchValues<char> IpV6Characters = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:.");
    public static readonly System.Buffers.SearchValues<char> MacCharacters = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:-.");
    public static readonly System.Buffers.SearchValues<char> AsciiAlphanumerics = System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    public static readonly System.Buffers.SearchValues<char> NotWhitespace = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0x21, 0x7e - 0x20)
            .Select(c => (char)c)) + string.Concat(Enumerable.Range(0xa1, 0xd7ff - 0xa0).Select(c => (char)c).Where(c => !char.IsWhiteSpace(c))));

    /// <summary>Windows of <paramref name="before"/> and <paramref name="after"/> characters around each occurrence of <paramref name="anchor"/>, merged where they overlap.</summary>
    public static IEnumerable<(int Start, int Length)> Around(string text, string anchor, int before, int after)
    {
        ArgumentNullException.ThrowIfNull(text);
        int windowStart = -1, windowEnd = -1;
        for (var at = text.IndexOf(anchor, StringComparison.Ordinal); at >= 0; at = text.IndexOf(anchor, at + 1, StringComparison.Ordinal))
        {
            int s = Math.Max(0, at - before), e = Math.Min(text.Length, at + anchor.Length + after);
            if (windowStart >= 0 && s <= windowEnd)
            {
                windowEnd = Math.Max(windowEnd, e);
                continue;
            }

            if (windowStart >= 0)
            {
                yield return (windowStart, windowEnd - windowStart);
            }

            (windowStart, windowEnd) = (s, e);
        }

        if (windowStart >= 0)
        {
            yield return (windowStart, windowEnd - windowStart);
        }
    }

    public static int Count(ReadOnlyMemory<char> run, Func<char, bool> what)
    {
        ArgumentNullException.ThrowIfNull(what);
        var n = 0;
        foreach (var c in run.Span)
        {
            n += what(c) ? 1 : 0;
        }

        return n;
    }
}

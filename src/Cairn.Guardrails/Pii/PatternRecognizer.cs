using System.Text.RegularExpressions;

namespace Cairn.Guardrails.Pii;

/// <summary>
/// A recognizer made of a pattern and a validator: the pattern finds candidates, the validator turns a candidate
/// into a score or rejects it (a failed checksum, an impossible date). A cheap prefilter skips texts that cannot
/// hold a match. The pattern runs compiled with a 20 ms time limit; a text that hits the limit (one built to make
/// it backtrack) is matched again by .NET's non-backtracking engine, which is linear in the text.
/// </summary>
public sealed class PatternRecognizer : IPiiRecognizer
{
    private readonly string _entity;
    private readonly Regex _fast;
    private readonly Regex _safe;
    private readonly Func<string, Match, double?> _validate;
    private readonly Func<string, bool> _prefilter;
    private readonly Func<string, IEnumerable<(int Start, int Length)>>? _windows;

    public PatternRecognizer(
        string entity, string name, Regex pattern, Func<string, Match, double?> validate, IReadOnlyList<string> context,
        Func<string, bool>? prefilter = null, Func<string, IEnumerable<(int Start, int Length)>>? windows = null, bool linearOnly = false)
    {
        _windows = windows;
        ArgumentNullException.ThrowIfNull(pattern);
        _entity = entity;
        Name = name;
        Entities = [entity];
        Context = context;
        _validate = validate;
        _prefilter = prefilter ?? (_ => true);
        var options = pattern.Options & ~RegexOptions.NonBacktracking;
        _safe = new Regex(pattern.ToString(), options | RegexOptions.NonBacktracking);
        _fast = linearOnly ? _safe : new Regex(pattern.ToString(), options | RegexOptions.Compiled, TimeSpan.FromMilliseconds(20));
    }

    public IReadOnlyList<string> Entities { get; }

    public IReadOnlyList<string> Context { get; }

    public string Name { get; }

    public void Analyze(string text, List<PiiEntity> found)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(found);
        if (!_prefilter(text))
        {
            return;
        }

        var start = found.Count;
        try
        {
            Collect(_fast, text, found);
        }
        catch (RegexMatchTimeoutException)
        {
            found.RemoveRange(start, found.Count - start);
            Collect(_safe, text, found);
        }
    }

    private void Collect(Regex regex, string text, List<PiiEntity> found)
    {
        if (_windows is null)
        {
            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                Add(text, m, found);
            }

            return;
        }

        var lastEnd = -1;
        foreach (var (start, length) in _windows(text))
        {
            for (var m = regex.Match(text, start, length); m.Success; m = m.NextMatch())
            {
                if (m.Index >= lastEnd)
                {
                    Add(text, m, found);
                    lastEnd = m.Index + m.Length;
                }
            }
        }
    }

    private void Add(string text, Match m, List<PiiEntity> found)
    {
        if (_validate(text, m) is { } score)
        {
            found.Add(new PiiEntity(_entity, m.Index, m.Index + m.Length, score, Name));
        }
    }

    /// <summary>Options every pattern uses: culture-invariant, explicit captures (compiled and non-backtracking forms are made from it).</summary>
    public const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>Whether the characters just around a match continue a word or a number (the match is then part of something bigger).</summary>
    public static bool Embedded(string text, Match m, Func<char, bool> continues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(continues);
        return (m.Index > 0 && continues(text[m.Index - 1])) || (m.Index + m.Length < text.Length && continues(text[m.Index + m.Length]));
    }
}

namespace Cairn.Guardrails.Injection;

/// <summary>
/// A text as the detector reads it, with the way back: for each character of <see cref="Text"/>, the UTF-16 range
/// of the original it came from, so a finding in the normalized text is reported where the user wrote it.
/// </summary>
public sealed class NormalizedText(string text, int[] starts, int[] ends, bool changed)
{
    public string Text { get; } = text;

    /// <summary>True when normalization did more than lower-case and collapse white space.</summary>
    public bool Changed { get; } = changed;

    /// <summary>The original UTF-16 range of the normalized range [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public (int Start, int End) Original(int start, int end)
    {
        if (Text.Length == 0)
        {
            return (0, 0);
        }

        start = Math.Clamp(start, 0, Text.Length - 1);
        end = Math.Clamp(end, start + 1, Text.Length);
        return (starts[start], ends[end - 1]);
    }
}

namespace Cairn.Core.Text;

/// <summary>Checks on .NET strings as UTF-16.</summary>
public static class Utf16
{
    /// <summary>The index of the first unpaired surrogate (not valid Unicode), or -1 when there is none.</summary>
    public static int LoneSurrogateAt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

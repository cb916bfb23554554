using System.Text;

namespace Cairn.Guardrails.RedTeam;

/// <summary>The encodings attacks hide payloads in, and the forms detectors look through: ROT13, reversal, base64, letters-and-digits only.</summary>
public static class TextTransforms
{
    /// <summary>ROT13: each ASCII letter moved 13 places; everything else unchanged. Its own inverse.</summary>
    public static string Rot13(string text) => Injection.EmbeddedDecoder.Rot13(text);

    /// <summary>The text backwards, by UTF-16 unit (payloads and tokens are ASCII or BMP text).</summary>
    public static string Reverse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    /// <summary>The UTF-8 bytes of the text in standard base64.</summary>
    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Letters and digits only, upper-cased: <c>c-a-i r n</c> and <c>CAIRN</c> normalise alike.</summary>
    public static string LettersAndDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>ASCII digits only.</summary>
    public static string Digits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Where(char.IsAsciiDigit));
    }

    /// <summary>Applies an attack's <c>encoding</c>: <c>base64</c>, <c>rot13</c> or <c>reverse</c>; null or empty leaves the text as it is.</summary>
    public static string Encode(string text, string? encoding) => encoding switch
    {
        null or "" => text,
        "base64" => Base64(text),
        "rot13" => Rot13(text),
        "reverse" => Reverse(text),
        _ => throw new ArgumentException($"unknown encoding '{encoding}'", nameof(encoding)),
    };

    /// <summary>The encodings <see cref="Encode"/> knows.</summary>
    public static IReadOnlyList<string> Encodings { get; } = ["base64", "rot13", "reverse"];
}

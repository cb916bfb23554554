using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Core.Text;

namespace Cairn.Core.Access;

/// <summary>Rules for the names of projects, principals and keys.</summary>
public static partial class Names
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 63;

    /// <summary>Checks a slug (<c>^[a-z0-9][a-z0-9._-]{0,62}$</c>) and returns it, or throws naming the field.</summary>
    public static string RequireSlug(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw CairnException.Invalid(field, "is required");
        }

        if (!SlugPattern().IsMatch(value))
        {
            throw CairnException.Invalid(field, $"must be 1 to {MaxLength} characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }

        return value;
    }

    /// <summary>
    /// Checks free text: at most <paramref name="maxLength"/> characters, no control characters but
    /// tab and line breaks (PostgreSQL cannot store NUL), no lone surrogates. Returns it trimmed (empty when null).
    /// </summary>
    public static string OptionalText(string? value, string field, int maxLength)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length > maxLength)
        {
            throw CairnException.Invalid(field, $"must be at most {maxLength} characters");
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                throw CairnException.Invalid(field, $"must not contain control characters (U+{(int)c:X4} at position {i})");
            }

        }

        var lone = Utf16.LoneSurrogateAt(text);
        return lone < 0 ? text : throw CairnException.Invalid(field, $"must be valid Unicode (lone surrogate at position {lone})");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SlugPattern();
}

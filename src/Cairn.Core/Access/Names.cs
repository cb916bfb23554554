using System.Text.RegularExpressions;
using Cairn.Core.Errors;

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

    /// <summary>Checks free text against a length limit and returns it trimmed (empty when null).</summary>
    public static string OptionalText(string? value, string field, int maxLength)
    {
        var text = value?.Trim() ?? string.Empty;
        return text.Length > maxLength ? throw CairnException.Invalid(field, $"must be at most {maxLength} characters") : text;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SlugPattern();
}

using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Guardrails.Policies;

namespace Cairn.Guardrails.Pii;

/// <summary>Builds a project's own recognizer from its policy: the pattern, a checksum if named, context words.</summary>
public static class CustomRecognizer
{
    public static PatternRecognizer Build(CustomRecognizerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Func<string, bool> check = spec.Validator switch
        {
            "luhn" => v => Digits(v) is { Length: >= 2 } d && Checksums.Luhn(d),
            "mod97" or "iban" => v => Checksums.IbanMod97(v.Replace(" ", "", StringComparison.Ordinal)),
            "none" => _ => true,
            _ => throw CairnException.Invalid("validator", $"'{spec.Validator}' is not one of {string.Join(", ", PolicyParser.Validators)}"),
        };
        return new PatternRecognizer(
            spec.Entity, "custom " + spec.Entity + (spec.Validator == "none" ? "" : " (" + spec.Validator + ")"),
            new Regex(spec.Pattern, PatternRecognizer.Options | RegexOptions.NonBacktracking),
            (_, m) => m.Length > 0 && check(m.Value) ? spec.Score : null,
            spec.Context,
            linearOnly: true); // a project's pattern is untrusted: the non-backtracking engine only, linear in the text
    }

    private static string Digits(string value) => string.Concat(value.Where(char.IsAsciiDigit));
}

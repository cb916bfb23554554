using System.Globalization;
using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Guardrails.Pii;

/// <summary>
/// How to rewrite one entity type: <c>replace</c> (default <c>&lt;TYPE&gt;</c>), <c>redact</c> (remove), <c>mask</c>
/// (keep the last N characters), <c>hash</c> (the project's salted hash) or <c>pseudonymize</c> (a deterministic token
/// whose value the project's vault keeps); the last two need a project's <see cref="IPiiTokenizer"/>.
/// </summary>
public sealed record AnonymizeOperator(string Type, string? NewValue = null, char MaskingChar = '*', int KeepLast = 0);

/// <summary>Rewrites the entities of an analysis in a text, left to right.</summary>
public static class Anonymizer
{
    public static readonly string[] Types = ["replace", "redact", "mask", "hash", "pseudonymize"];

    public static string Anonymize(string text, IReadOnlyList<PiiEntity> entities, IReadOnlyDictionary<string, AnonymizeOperator> operators, IPiiTokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(operators);
        foreach (var (entity, op) in operators)
        {
            if (!Types.Contains(op.Type))
            {
                throw CairnException.Invalid($"operators.{entity}.type", $"'{op.Type}' is not one of {string.Join(", ", Types)}");
            }

            if (op.Type is "hash" or "pseudonymize" && tokenizer is null)
            {
                throw CairnException.Invalid($"operators.{entity}.type", $"'{op.Type}' needs a project's keys: use the API (the command line has none)");
            }

            if (op.KeepLast < 0)
            {
                throw CairnException.Invalid($"operators.{entity}.keep_last", "must be at least 0");
            }
        }

        // Entities are disjoint: copy the text forward, replacing each in turn (linear in the text).
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var e in entities.OrderBy(e => e.Start))
        {
            if (e.Start < at)
            {
                continue;
            }

            var op = operators.GetValueOrDefault(e.Type) ?? operators.GetValueOrDefault("DEFAULT") ?? new AnonymizeOperator("replace");
            sb.Append(text, at, e.Start - at);
            sb.Append(Replacement(text, e, op, tokenizer));
            at = e.End;
        }

        sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }

    /// <summary>What one entity becomes under an operator.</summary>
    public static string Replacement(string text, PiiEntity e, AnonymizeOperator op, IPiiTokenizer? tokenizer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(op);
        return op.Type switch
        {
            "redact" => "",
            "mask" => Mask(text[e.Start..e.End], op.MaskingChar, op.KeepLast),
            "hash" => (tokenizer ?? throw CairnException.Invalid("operator", "'hash' needs a project's keys")).Hash(text[e.Start..e.End]),
            "pseudonymize" => (tokenizer ?? throw CairnException.Invalid("operator", "'pseudonymize' needs a project's keys")).Pseudonymize(e.Type, text[e.Start..e.End]),
            _ => op.NewValue ?? "<" + e.Type + ">",
        };
    }

    // Every character but the last N (counted in text elements, so a surrogate pair stays whole) becomes the mask.
    private static string Mask(string value, char mask, int keepLast)
    {
        var elements = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(value);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }

        var keep = Math.Min(keepLast, elements.Count);
        return new string(mask, elements.Count - keep) + string.Concat(elements.Skip(elements.Count - keep));
    }
}

/// <summary>A project's keyed rewriting of values: a salted hash, and reversible tokens (the vault keeps the value).</summary>
public interface IPiiTokenizer
{
    /// <summary>HMAC-SHA-256 of the value under the project's hash key, as 64 hex digits (the same value, the same hash, in one project only).</summary>
    string Hash(string value);

    /// <summary>The value's token, <c>&lt;TYPE_xxxxxxxxxx&gt;</c>: the same for the same type and value in one project; remembered for de-anonymization.</summary>
    string Pseudonymize(string entityType, string value);
}

using System.Globalization;
using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Guardrails.Pii;

/// <summary>How to rewrite one entity type: <c>replace</c> (default <c>&lt;TYPE&gt;</c>), <c>redact</c> (remove), <c>mask</c> (keep the last N characters).</summary>
public sealed record AnonymizeOperator(string Type, string? NewValue = null, char MaskingChar = '*', int KeepLast = 0);

/// <summary>Rewrites the entities of an analysis in a text, left to right.</summary>
public static class Anonymizer
{
    public static readonly string[] Types = ["replace", "redact", "mask"];

    public static string Anonymize(string text, IReadOnlyList<PiiEntity> entities, IReadOnlyDictionary<string, AnonymizeOperator> operators)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(operators);
        foreach (var (entity, op) in operators)
        {
            if (!Types.Contains(op.Type))
            {
                throw CairnException.Invalid($"operators.{entity}.type", $"'{op.Type}' is not one of replace, redact, mask");
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
            sb.Append(op.Type switch
            {
                "redact" => "",
                "mask" => Mask(text[e.Start..e.End], op.MaskingChar, op.KeepLast),
                _ => op.NewValue ?? "<" + e.Type + ">",
            });
            at = e.End;
        }

        sb.Append(text, at, text.Length - at);
        return sb.ToString();
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

using Cairn.Guardrails.Pii;

namespace Cairn.Guardrails.Policies;

/// <summary>What a check does when it fires: nothing but record it, flag the text, rewrite the matches, or refuse the text.</summary>
public enum PolicyAction
{
    Allow = 0,
    Flag = 1,
    Redact = 2,
    Block = 3,
}

/// <summary>A named phrase list; a text that uses any phrase (as whole words, after normalization) is on that topic.</summary>
public sealed record DenyTopic(string Name, IReadOnlyList<string> Phrases);

/// <summary>One step of a policy's pipeline.</summary>
/// <param name="Kind">pii, injection, deny_topics, regex or max_length.</param>
/// <param name="Name">How results name it (defaults to the kind).</param>
/// <param name="Action">What happens when it fires.</param>
/// <param name="Threshold">Lowest score that fires (pii, injection).</param>
/// <param name="Entities">pii: the entity types checked (null: all).</param>
/// <param name="Operator">pii with redact: how each entity is rewritten (replace, mask, redact, hash, pseudonymize).</param>
/// <param name="Topics">deny_topics: the topics.</param>
/// <param name="Pattern">regex: the expression (.NET syntax, non-backtracking).</param>
/// <param name="MaxLength">max_length: the most characters allowed.</param>
public sealed record PolicyCheck(
    string Kind,
    string Name,
    PolicyAction Action,
    double Threshold = 0.5,
    IReadOnlyList<string>? Entities = null,
    AnonymizeOperator? Operator = null,
    IReadOnlyList<DenyTopic>? Topics = null,
    System.Text.RegularExpressions.Regex? Pattern = null,
    int MaxLength = 0);

/// <summary>A custom recognizer of a project: a pattern, context words and an optional checksum.</summary>
/// <param name="Entity">The entity type it reports (upper case, e.g. EMPLOYEE_ID).</param>
/// <param name="Pattern">The expression (.NET syntax; matched non-backtracking).</param>
/// <param name="Context">Words that raise a match's score by 0.35 when they precede it.</param>
/// <param name="Validator">none, luhn, mod97 or iban.</param>
/// <param name="Score">The score of a match before context (0–1).</param>
public sealed record CustomRecognizerSpec(string Entity, string Pattern, IReadOnlyList<string> Context, string Validator, double Score);

/// <summary>A policy: checks on the input, checks on the output, and the project's own recognizers.</summary>
public sealed record GuardPolicy(IReadOnlyList<PolicyCheck> Input, IReadOnlyList<PolicyCheck> Output, IReadOnlyList<CustomRecognizerSpec> Recognizers, string? Description);

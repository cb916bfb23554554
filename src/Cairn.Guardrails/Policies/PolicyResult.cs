namespace Cairn.Guardrails.Policies;

/// <summary>Something a check found: what (an entity type, a topic, a signature), where (UTF-16 range of the text checked), how sure.</summary>
public sealed record CheckFinding(string Label, int Start, int End, double? Score = null);

/// <summary>One check's part in a run: whether it fired, what it found, what it made of the text, how long it took.</summary>
public sealed record CheckOutcome(string Name, string Kind, PolicyAction Action, bool Fired, double ElapsedMs, double? Score, IReadOnlyList<CheckFinding> Findings);

/// <summary>
/// A policy run over one text: the strongest action of the checks that fired (block over redact over flag), whether
/// the text may pass, the text as it may pass (rewritten where a check redacts; null when blocked), and each check.
/// </summary>
public sealed record PolicyResult(string Stage, PolicyAction Action, bool Allowed, string? Text, IReadOnlyList<CheckOutcome> Checks, double ElapsedMs);

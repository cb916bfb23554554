namespace Cairn.Guardrails.RedTeam;

/// <summary>What one attack did: success (by the category's detector), refusal (by phrases), or an error when no reply came.</summary>
/// <param name="Id">The attack's id.</param>
/// <param name="Category">OWASP category.</param>
/// <param name="Title">The attack's title.</param>
/// <param name="Technique">The attack's technique.</param>
/// <param name="Success">The attack got what it was after. Always false when <paramref name="Error"/> is set.</param>
/// <param name="Refusal">The reply reads as a refusal.</param>
/// <param name="Error">Why no reply came (HTTP status, timeout, unreadable answer); null when one did.</param>
/// <param name="Evidence">What in the reply shows the success.</param>
/// <param name="Prompt">The user message sent, truncated to <see cref="RedTeamReport.MaxTextLength"/> characters.</param>
/// <param name="Reply">The reply, truncated likewise; null on error.</param>
public sealed record RedTeamAttackResult(
    string Id, string Category, string Title, string Technique, bool Success, bool Refusal, string? Error, string? Evidence, string Prompt, string? Reply);

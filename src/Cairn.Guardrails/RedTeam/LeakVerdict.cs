namespace Cairn.Guardrails.RedTeam;

/// <summary>Whether an attack succeeded, and what in the reply shows it.</summary>
/// <param name="Success">True when the reply holds what the attack was after.</param>
/// <param name="Evidence">What was found and in which form, with a snippet of the reply when it appears as written; null on failure.</param>
public sealed record LeakVerdict(bool Success, string? Evidence)
{
    /// <summary>The attack failed.</summary>
    public static LeakVerdict Failed { get; } = new(false, null);
}

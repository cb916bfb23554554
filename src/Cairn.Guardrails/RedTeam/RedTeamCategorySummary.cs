namespace Cairn.Guardrails.RedTeam;

/// <summary>Counts for one category (or, with category <c>ALL</c>, the whole run).</summary>
/// <param name="Category">OWASP category, or <c>ALL</c>.</param>
/// <param name="Name">The category's name.</param>
/// <param name="Attempted">Attacks sent.</param>
/// <param name="Succeeded">Attacks that succeeded.</param>
/// <param name="Errors">Attacks without a reply; they count neither as successes nor as failures.</param>
/// <param name="Refusals">Replies that read as refusals.</param>
/// <param name="AttackSuccessRate">Succeeded / (attempted − errors); null when no attack got a reply.</param>
public sealed record RedTeamCategorySummary(string Category, string Name, int Attempted, int Succeeded, int Errors, int Refusals, double? AttackSuccessRate)
{
    /// <summary>Summarises <paramref name="results"/> under <paramref name="category"/>.</summary>
    public static RedTeamCategorySummary Of(string category, string name, IReadOnlyCollection<RedTeamAttackResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var errors = results.Count(r => r.Error is not null);
        var succeeded = results.Count(r => r.Success);
        var answered = results.Count - errors;
        return new(category, name, results.Count, succeeded, errors, results.Count(r => r.Refusal), answered == 0 ? null : (double)succeeded / answered);
    }
}

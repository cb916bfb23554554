namespace Cairn.Guardrails.RedTeam;

/// <summary>The outcome of a red-team run; serialised by <see cref="RedTeamReportJson"/>, rendered by <see cref="RedTeamMarkdownWriter"/> and <see cref="RedTeamHtmlWriter"/>.</summary>
/// <param name="Target">The base URL attacked.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="StartedAt">When the first request was about to go (UTC).</param>
/// <param name="FinishedAt">When the last answer was in (UTC).</param>
/// <param name="Seed">The seed of the canary, secrets and markers: rerun with it to send the same messages.</param>
/// <param name="SystemPrompt"><c>built-in</c>, or <c>custom</c> when the user gave one.</param>
/// <param name="Overall">Counts over every attack (category <c>ALL</c>).</param>
/// <param name="Categories">Counts per category, in OWASP order.</param>
/// <param name="Attacks">Every attack's result, in suite order.</param>
public sealed record RedTeamReport(
    string Target, string Model, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Seed, string SystemPrompt,
    RedTeamCategorySummary Overall, IReadOnlyList<RedTeamCategorySummary> Categories, IReadOnlyList<RedTeamAttackResult> Attacks)
{
    /// <summary>Prompts and replies kept in the report are cut to this many characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Cuts <paramref name="text"/> to <see cref="MaxTextLength"/>, marking the cut with an ellipsis.</summary>
    public static string Truncate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
    }
}

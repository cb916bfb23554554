using System.Security.Cryptography;

namespace Cairn.Guardrails.RedTeam;

/// <summary>
/// Runs attacks of a suite against an OpenAI-compatible target: plants a canary and synthetic secrets in the system
/// prompt, sends each attack with bounded concurrency, and judges each reply deterministically with <see cref="LeakDetector"/>.
/// </summary>
/// <param name="http">The client requests go through; its own timeout should be infinite (each request has <see cref="RedTeamOptions.Timeout"/>).</param>
/// <param name="time">The clock for the report's times and the retry backoff.</param>
public sealed class RedTeamRunner(HttpClient http, TimeProvider time)
{
    /// <summary>Runs the attacks of <paramref name="suite"/> chosen by <paramref name="options"/> and reports on them.</summary>
    public async Task<RedTeamReport> RunAsync(RedTeamOptions options, AttackSuite suite, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(suite);
        var endpoint = RedTeamOptions.ChatCompletionsEndpoint(options.Target.OriginalString)
            ?? throw new ArgumentException("the target must be an absolute http or https URL", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(options));

        var seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var random = new Random(seed);
        var secrets = RedTeamSecrets.Generate(random);
        var systemPrompt = RedTeamSystemPrompt.Build(secrets, options.SystemPrompt);
        var attacks = suite.Select(options.Categories, options.Limit);
        // Markers are drawn up front, in suite order, so a seed gives the same messages whatever the concurrency.
        var markers = attacks.Select(_ => "PWNED-" + random.GetHexString(6)).ToArray();

        var client = new ChatCompletionsClient(http, endpoint, options, time);
        var results = new RedTeamAttackResult[attacks.Count];
        var started = time.GetUtcNow();
        await Parallel.ForEachAsync(Enumerable.Range(0, attacks.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var attack = attacks[i];
                var message = attack.Render(markers[i]);
                var (reply, error) = await client.CompleteAsync(systemPrompt, message, token).ConfigureAwait(false);
                var verdict = reply is null ? LeakVerdict.Failed : LeakDetector.Judge(attack.Category, reply, markers[i], secrets, systemPrompt);
                results[i] = new RedTeamAttackResult(
                    attack.Id, attack.Category, attack.Title, attack.Technique, verdict.Success, RefusalClassifier.IsRefusal(reply), error, verdict.Evidence,
                    RedTeamReport.Truncate(message), reply is null ? null : RedTeamReport.Truncate(reply));
            }).ConfigureAwait(false);
        var finished = time.GetUtcNow();

        var categories = options.Categories
            .Select(c => RedTeamCategorySummary.Of(c, RedTeamCategories.Name(c), results.Where(r => r.Category == c).ToList()))
            .ToList();
        return new RedTeamReport(
            options.Target.OriginalString, options.Model, started, finished, seed, options.SystemPrompt is null ? "built-in" : "custom",
            RedTeamCategorySummary.Of("ALL", "All categories", results), categories, results);
    }
}

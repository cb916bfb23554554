using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;

namespace Cairn.Registry;

/// <summary>One version's fate under a retention run.</summary>
/// <param name="Name">Model.</param>
/// <param name="Version">Version.</param>
/// <param name="Delete">Whether it goes.</param>
/// <param name="Reason">Why it stays or goes.</param>
public sealed record RetentionDecision(string Name, long Version, bool Delete, string Reason);

/// <summary>
/// Per-model retention: keep the newest N versions and/or those registered in the last D days; a version
/// with an alias, a deployment or a pending promotion is always kept. Deleting a version releases its
/// blobs, which go only when nothing else references them. A dry run decides without deleting.
/// </summary>
public sealed class RetentionService(IRegistryGovernanceStore store, RegistryService registry, TimeProvider time)
{
    public async Task<RetentionPolicy?> GetAsync(long project, string? name, CancellationToken ct)
    {
        var model = await registry.GetModelAsync(project, name, ct).ConfigureAwait(false);
        return await store.GetRetentionAsync(project, model.Name, ct).ConfigureAwait(false);
    }

    public async Task<RetentionPolicy> SetAsync(long project, string? name, int? keepLast, int? keepDays, CancellationToken ct)
    {
        var model = await registry.GetModelAsync(project, name, ct).ConfigureAwait(false);
        if (keepLast is < 1 or > 100_000)
        {
            throw CairnException.Invalid("keep_last", "must be between 1 and 100000");
        }

        if (keepDays is < 1 or > 36_500)
        {
            throw CairnException.Invalid("keep_days", "must be between 1 and 36500");
        }

        if (keepLast is null && keepDays is null)
        {
            throw CairnException.Invalid("keep_last", "give keep_last, keep_days or both");
        }

        var policy = new RetentionPolicy(keepLast, keepDays);
        await store.SetRetentionAsync(project, model.Name, policy, time.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return policy;
    }

    /// <summary>Applies the policy of one model, or of every model with a policy when <paramref name="name"/> is null.</summary>
    public async Task<IReadOnlyList<RetentionDecision>> RunAsync(long project, string? name, bool dryRun, CancellationToken ct)
    {
        var names = name is null
            ? (await registry.ListModelsAsync(project, ct).ConfigureAwait(false)).Select(m => m.Name).ToList()
            : [(await registry.GetModelAsync(project, name, ct).ConfigureAwait(false)).Name];
        var decisions = new List<RetentionDecision>();
        foreach (var model in names)
        {
            if (await store.GetRetentionAsync(project, model, ct).ConfigureAwait(false) is not { } policy)
            {
                continue;
            }

            foreach (var d in await DecideAsync(project, model, policy, ct).ConfigureAwait(false))
            {
                if (d.Delete && !dryRun)
                {
                    await registry.DeleteVersionAsync(project, d.Name, d.Version.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                }

                decisions.Add(d);
            }
        }

        return decisions;
    }

    private async Task<List<RetentionDecision>> DecideAsync(long project, string name, RetentionPolicy policy, CancellationToken ct)
    {
        var versions = (await registry.ListVersionsAsync(project, name, ct).ConfigureAwait(false)).OrderByDescending(v => v.Version).ToList();
        var pending = (await store.ListPromotionsAsync(project, PromotionStatus.Pending, 10_000, ct).ConfigureAwait(false))
            .Where(p => p.Name == name).Select(p => p.Version).ToHashSet();
        var cutoff = policy.KeepDays is { } days ? time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds() : (long?)null;
        var result = new List<RetentionDecision>();
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var deployed = (await store.EdgesFromVersionAsync(project, name, v.Version, ct).ConfigureAwait(false)).Any(e => e.Relation == LineageRelations.DeployedAs);
            var reason = v.Aliases.Count > 0 ? $"kept: alias {string.Join(", ", v.Aliases)}"
                : deployed ? "kept: deployed"
                : pending.Contains(v.Version) ? "kept: pending promotion"
                : policy.KeepLast is { } n && i < n ? $"kept: among the newest {n}"
                : cutoff is { } c && v.CreationTime >= c ? $"kept: registered within {policy.KeepDays} days"
                : null;
            result.Add(new RetentionDecision(name, v.Version, reason is null, reason ?? $"deleted: {Describe(policy)}"));
        }

        return result;
    }

    private static string Describe(RetentionPolicy p) =>
        (p.KeepLast, p.KeepDays) switch
        {
            ({ } n, { } d) => $"neither among the newest {n} nor registered within {d} days",
            ({ } n, null) => $"not among the newest {n}",
            (null, { } d) => $"registered more than {d} days ago",
            _ => "no rule keeps it",
        };
}

using System.Globalization;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;

namespace Cairn.Registry;

/// <summary>A promotion request as the API shows it: the request, whether the alias is protected, and exactly what is still missing.</summary>
/// <param name="Request">The stored request, or null when the alias is not protected and moved at once.</param>
/// <param name="Name">Model.</param>
/// <param name="Alias">Alias.</param>
/// <param name="Version">Target version.</param>
/// <param name="Status">pending, promoted, rejected or cancelled.</param>
/// <param name="Requirements">Each requirement of the policy with whether it is met.</param>
public sealed record PromotionView(PromotionRequest? Request, string Name, string Alias, long Version, string Status, IReadOnlyList<Requirement> Requirements)
{
    /// <summary>The requirements not yet met, in words.</summary>
    public IReadOnlyList<string> Missing => Requirements.Where(r => !r.Met).Select(r => r.Detail).ToList();
}

/// <summary>One requirement of a protected move.</summary>
/// <param name="Kind">approvals, signature or evaluation_gate.</param>
/// <param name="Met">Whether it holds now.</param>
/// <param name="Detail">What it asks and what was found.</param>
public sealed record Requirement(string Kind, bool Met, string Detail);

/// <summary>
/// Moves aliases. An unprotected alias moves at once; a protected one moves only when the policy's
/// requirements hold: approvals by tier from approvers who are not the version's author, a valid
/// signature when the tier needs one, and the evaluation gate's thresholds on the metrics recorded
/// for the version (its evaluation runs first, then its source run).
/// </summary>
public sealed class PromotionService(
    IRegistryGovernanceStore store, RegistryService registry, PolicyService policies, SigningService signing, ITrackingStore tracking, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens (or re-checks) the request to move <paramref name="alias"/>; promotes at once when nothing is missing.</summary>
    public async Task<PromotionView> RequestAsync(long project, Caller caller, string? name, string? alias, string? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (model, checkedAlias, target) = await TargetAsync(project, name, alias, version, ct).ConfigureAwait(false);
        var policy = await policies.GetAsync(project, ct).ConfigureAwait(false);
        if (!policy.ProtectedAliases.Contains(checkedAlias))
        {
            await registry.SetAliasAsync(project, model.Name, checkedAlias, target.Version.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return new PromotionView(null, model.Name, checkedAlias, target.Version, PromotionStatus.Promoted, []);
        }

        var request = await store.FindPendingPromotionAsync(project, model.Name, checkedAlias, target.Version, ct).ConfigureAwait(false)
            ?? await store.CreatePromotionAsync(project, model.Name, checkedAlias, target.Version, caller.Principal, Now, ct).ConfigureAwait(false);
        return await TryPromoteAsync(project, model, target, checkedAlias, request, policy, ct).ConfigureAwait(false);
    }

    /// <summary>Approves or rejects a pending request; an approval that completes the requirements promotes.</summary>
    public async Task<PromotionView> ReviewAsync(long project, Caller caller, long id, bool approve, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = await GetAsync(project, id, ct).ConfigureAwait(false);
        if (request.Status != PromotionStatus.Pending)
        {
            throw CairnException.Conflict($"promotion request {id} is {request.Status}; only a pending request can be reviewed");
        }

        if (!Roles.CanApprove(caller.Role))
        {
            throw CairnException.Forbidden($"reviewing promotions needs the approver or owner role in the project; {caller.Principal} is {Roles.Format(caller.Role)}");
        }

        var target = await registry.GetVersionAsync(project, request.Name, request.Version, ct).ConfigureAwait(false);
        if (string.Equals(target.Author, caller.Principal, StringComparison.Ordinal))
        {
            throw CairnException.Forbidden($"{caller.Principal} registered {request.Name} version {request.Version} and cannot review its promotion");
        }

        var text = Core.Access.Names.OptionalText(comment, "comment", 2000);
        if (!await store.AddReviewAsync(project, id, new PromotionReview(caller.Principal, approve ? "approve" : "reject", text, Now), ct).ConfigureAwait(false))
        {
            throw CairnException.Conflict($"promotion request {id} is no longer pending");
        }

        var reviewed = await GetAsync(project, id, ct).ConfigureAwait(false);
        var model = await registry.GetModelAsync(project, request.Name, ct).ConfigureAwait(false);
        var policy = await policies.GetAsync(project, ct).ConfigureAwait(false);
        return approve
            ? await TryPromoteAsync(project, model, target, reviewed.Alias, reviewed, policy, ct).ConfigureAwait(false)
            : new PromotionView(reviewed, reviewed.Name, reviewed.Alias, reviewed.Version, reviewed.Status, await RequirementsAsync(project, model, target, reviewed, policy, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// A direct alias move (MLflow's set-alias, the native PUT): unprotected aliases move; a protected one
    /// moves only when a pending request's approvals and the other requirements suffice, else 409 naming what is missing.
    /// </summary>
    public async Task SetAliasAsync(long project, string? name, string? alias, string? version, CancellationToken ct)
    {
        var (model, checkedAlias, target) = await TargetAsync(project, name, alias, version, ct).ConfigureAwait(false);
        var policy = await policies.GetAsync(project, ct).ConfigureAwait(false);
        if (!policy.ProtectedAliases.Contains(checkedAlias))
        {
            await registry.SetAliasAsync(project, model.Name, checkedAlias, target.Version.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return;
        }

        var request = await store.FindPendingPromotionAsync(project, model.Name, checkedAlias, target.Version, ct).ConfigureAwait(false);
        var view = await TryPromoteAsync(project, model, target, checkedAlias, request, policy, ct).ConfigureAwait(false);
        if (view.Status != PromotionStatus.Promoted)
        {
            throw CairnException.Conflict(
                $"alias '{checkedAlias}' of {model.Name} is protected; moving it to version {target.Version} needs: {string.Join("; ", view.Missing)}. "
                + (request is null ? "Open a promotion request (POST /api/v1/models/{name}/promotions or cairn models alias) for approvers to review." : $"Promotion request {request.Id} is pending."));
        }
    }

    /// <summary>Removes an alias; a protected one only by an approver or owner.</summary>
    public async Task DeleteAliasAsync(long project, Caller caller, string? name, string? alias, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var policy = await policies.GetAsync(project, ct).ConfigureAwait(false);
        if (alias is not null && policy.ProtectedAliases.Contains(alias) && !Roles.CanApprove(caller.Role))
        {
            throw CairnException.Forbidden($"alias '{alias}' is protected; removing it needs the approver or owner role");
        }

        await registry.DeleteAliasAsync(project, name, alias, ct).ConfigureAwait(false);
    }

    public async Task<PromotionView> ViewAsync(long project, long id, CancellationToken ct) =>
        await ViewAsync(project, await GetAsync(project, id, ct).ConfigureAwait(false), await policies.GetAsync(project, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    private async Task<PromotionView> ViewAsync(long project, PromotionRequest request, RegistryPolicy policy, CancellationToken ct)
    {
        if (request.Status != PromotionStatus.Pending)
        {
            return new PromotionView(request, request.Name, request.Alias, request.Version, request.Status, []);
        }

        var model = await registry.GetModelAsync(project, request.Name, ct).ConfigureAwait(false);
        var target = await registry.GetVersionAsync(project, request.Name, request.Version, ct).ConfigureAwait(false);
        return new PromotionView(request, request.Name, request.Alias, request.Version, request.Status, await RequirementsAsync(project, model, target, request, policy, ct).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<PromotionView>> ListAsync(long project, string? status, CancellationToken ct)
    {
        if (status is not null && status is not (PromotionStatus.Pending or PromotionStatus.Promoted or PromotionStatus.Rejected or PromotionStatus.Cancelled))
        {
            throw CairnException.Invalid("status", "must be pending, promoted, rejected or cancelled");
        }

        var policy = await policies.GetAsync(project, ct).ConfigureAwait(false);
        var views = new List<PromotionView>();
        foreach (var r in await store.ListPromotionsAsync(project, status, 200, ct).ConfigureAwait(false))
        {
            views.Add(await ViewAsync(project, r, policy, ct).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>The latest value of each metric recorded for a version: its evaluation runs (newest link first), then its source run.</summary>
    public async Task<IReadOnlyDictionary<string, (double Value, string RunId)>> MetricsAsync(long project, ModelVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        var runs = (await store.EdgesFromVersionAsync(project, version.Name, version.Version, ct).ConfigureAwait(false))
            .Where(e => e.Relation == LineageRelations.EvaluatedBy && e.Kind == LineageKinds.Run).Select(e => e.Id).ToList();
        if (version.RunId is not null)
        {
            runs.Add(version.RunId);
        }

        var metrics = new Dictionary<string, (double, string)>(StringComparer.Ordinal);
        foreach (var runId in runs.Distinct())
        {
            if (await tracking.GetRunAsync(project, runId, ct).ConfigureAwait(false) is { } run)
            {
                foreach (var m in run.Metrics)
                {
                    metrics.TryAdd(m.Key, (m.Value, runId));
                }
            }
        }

        return metrics;
    }

    private async Task<PromotionView> TryPromoteAsync(
        long project, RegisteredModel model, ModelVersion target, string alias, PromotionRequest? request, RegistryPolicy policy, CancellationToken ct)
    {
        var requirements = await RequirementsAsync(project, model, target, request, policy, ct).ConfigureAwait(false);
        if (requirements.Any(r => !r.Met))
        {
            return new PromotionView(request, model.Name, alias, target.Version, PromotionStatus.Pending, requirements);
        }

        if (!await store.PromoteAsync(project, model.Name, alias, target.Version, request?.Id, Now, ct).ConfigureAwait(false))
        {
            throw RegistryValidation.VersionNotFound(model.Name, target.Version);
        }

        var promoted = request is null ? null : await store.GetPromotionAsync(project, request.Id, ct).ConfigureAwait(false);
        return new PromotionView(promoted, model.Name, alias, target.Version, PromotionStatus.Promoted, requirements);
    }

    private async Task<List<Requirement>> RequirementsAsync(long project, RegisteredModel model, ModelVersion target, PromotionRequest? request, RegistryPolicy policy, CancellationToken ct)
    {
        var result = new List<Requirement>();
        var needed = policy.ApprovalsFor(model.RiskTier);
        var approvers = request?.Reviews.Where(r => r.Decision == "approve" && r.Reviewer != target.Author).Select(r => r.Reviewer).Distinct().ToList() ?? [];
        if (needed > 0)
        {
            result.Add(new Requirement("approvals", approvers.Count >= needed,
                $"{needed} approval{(needed == 1 ? "" : "s")} from approvers other than the author ({target.Author}) for risk tier {model.RiskTier}; "
                + (approvers.Count == 0 ? "none yet" : $"{approvers.Count} given by {string.Join(", ", approvers)}")));
        }

        if (policy.RequireSignature.Contains(model.RiskTier))
        {
            var states = await signing.StatesAsync(project, target, ct).ConfigureAwait(false);
            var valid = states.Count(s => s.State == "valid");
            result.Add(new Requirement("signature", valid > 0,
                $"a valid signature of digest {target.Digest[..12]}… by an active project key for risk tier {model.RiskTier}; "
                + (valid > 0 ? $"{valid} valid" : states.Count == 0 ? "none uploaded" : $"{states.Count} uploaded, none valid ({string.Join(", ", states.Select(s => s.State))})")));
        }

        if (policy.EvaluationGate.Count > 0)
        {
            var metrics = await MetricsAsync(project, target, ct).ConfigureAwait(false);
            foreach (var threshold in policy.EvaluationGate)
            {
                var found = metrics.TryGetValue(threshold.Metric, out var m);
                result.Add(new Requirement("evaluation_gate", found && threshold.IsMetBy(m.Value),
                    $"evaluation gate {threshold}: " + (found
                        ? $"run {m.RunId} recorded {m.Value.ToString("R", CultureInfo.InvariantCulture)}"
                        : $"no run of version {target.Version} (its source run or a linked evaluation run) recorded {threshold.Metric}")));
            }
        }

        return result;
    }

    private async Task<(RegisteredModel Model, string Alias, ModelVersion Target)> TargetAsync(long project, string? name, string? alias, string? version, CancellationToken ct)
    {
        var model = await registry.GetModelAsync(project, name, ct).ConfigureAwait(false);
        var checkedAlias = RegistryValidation.Alias(alias);
        var target = await registry.GetVersionAsync(project, model.Name, RegistryValidation.Version(version), ct).ConfigureAwait(false);
        return (model, checkedAlias, target);
    }

    private async Task<PromotionRequest> GetAsync(long project, long id, CancellationToken ct) =>
        await store.GetPromotionAsync(project, id, ct).ConfigureAwait(false) ?? throw CairnException.NotFound("promotion request", id.ToString(CultureInfo.InvariantCulture));
}

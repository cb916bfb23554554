using Cairn.Core.Guardrails;

namespace Cairn.Core.Storage;

/// <summary>Guardrail policies, project keys, the pseudonymization vault and red-team reports, per project.</summary>
public interface IGuardrailStore
{
    /// <summary>The policy of a route, or null.</summary>
    Task<StoredPolicy?> GetPolicyAsync(long projectId, string route, CancellationToken ct);

    /// <summary>The project's policies by route.</summary>
    Task<IReadOnlyList<StoredPolicy>> ListPoliciesAsync(long projectId, CancellationToken ct);

    /// <summary>Creates or replaces a route's policy; the version goes up by one.</summary>
    Task<StoredPolicy> PutPolicyAsync(long projectId, string route, string yaml, string by, long now, CancellationToken ct);

    /// <summary>Deletes a route's policy; false when there was none.</summary>
    Task<bool> DeletePolicyAsync(long projectId, string route, CancellationToken ct);

    /// <summary>The project's protected key; the first caller's <paramref name="create"/> makes it, and every later caller reads that one.</summary>
    Task<string> GetOrCreateKeyAsync(long projectId, Func<string> create, long now, CancellationToken ct);

    /// <summary>Remembers tokens (a token already there is left as it is).</summary>
    Task PutVaultAsync(long projectId, IReadOnlyCollection<VaultEntry> entries, long now, CancellationToken ct);

    /// <summary>The entries of the given tokens that the project's vault holds.</summary>
    Task<IReadOnlyList<VaultEntry>> GetVaultAsync(long projectId, IReadOnlyCollection<string> tokens, CancellationToken ct);

    /// <summary>Stores a red-team report.</summary>
    Task PutReportAsync(long projectId, RedTeamRecord report, CancellationToken ct);

    /// <summary>The project's reports, newest first, without their bodies.</summary>
    Task<IReadOnlyList<RedTeamRecord>> ListReportsAsync(long projectId, CancellationToken ct);

    /// <summary>One report with its body, or null.</summary>
    Task<RedTeamRecord?> GetReportAsync(long projectId, string id, CancellationToken ct);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Cairn.Tracking;

namespace Cairn.Registry;

/// <summary>A project's registry policy: stored as JSON, validated field by field, the default until set.</summary>
public sealed class PolicyService(IRegistryGovernanceStore store, TimeProvider time)
{
    /// <summary>The most approvals a tier may require.</summary>
    public const int MaxApprovals = 10;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public async Task<RegistryPolicy> GetAsync(long project, CancellationToken ct) =>
        await store.GetPolicyAsync(project, ct).ConfigureAwait(false) is { } json ? JsonSerializer.Deserialize<RegistryPolicy>(json, Json)! : RegistryPolicy.Default;

    /// <summary>Checks and stores a whole policy; fields left null keep the default.</summary>
    public async Task<RegistryPolicy> SetAsync(
        long project, IReadOnlyList<string>? requireSignature, IReadOnlyList<string>? protectedAliases, IReadOnlyDictionary<string, int>? approvals,
        IReadOnlyList<MetricThreshold>? gate, string by, CancellationToken ct)
    {
        var d = RegistryPolicy.Default;
        var tiers = requireSignature is null ? d.RequireSignature : requireSignature.Select(t => Tier(t, "require_signature")).Distinct().ToList();
        var aliases = protectedAliases is null ? d.ProtectedAliases : protectedAliases.Select(a => Alias(a)).Distinct().ToList();
        var counts = new Dictionary<string, int>(d.Approvals);
        foreach (var (tier, n) in approvals ?? new Dictionary<string, int>())
        {
            if (n is < 0 or > MaxApprovals)
            {
                throw CairnException.Invalid($"approvals.{tier}", $"must be between 0 and {MaxApprovals}, got {n}");
            }

            counts[Tier(tier, "approvals")] = n;
        }

        var thresholds = (gate ?? d.EvaluationGate).Select((t, i) => Threshold(t, i)).ToList();
        var policy = new RegistryPolicy(tiers, aliases, counts, thresholds);
        await store.SetPolicyAsync(project, JsonSerializer.Serialize(policy, Json), by, time.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return policy;
    }

    private static string Tier(string? tier, string field) =>
        RiskTiers.All.FirstOrDefault(t => t.Equals(tier, StringComparison.OrdinalIgnoreCase))
        ?? throw CairnException.Invalid(field, $"'{tier}' is not a risk tier; use low, medium or high");

    private static string Alias(string? alias)
    {
        try
        {
            return RegistryValidation.Alias(alias);
        }
        catch (CairnException e)
        {
            throw CairnException.Invalid("protected_aliases", e.Message);
        }
    }

    private static MetricThreshold Threshold(MetricThreshold? t, int index)
    {
        var field = $"evaluation_gate[{index}]";
        if (t is null)
        {
            throw CairnException.Invalid(field, $"must be an object with metric, op and value");
        }

        try
        {
            TrackingValidation.Key(t.Metric, "metric", "metric");
        }
        catch (CairnException e)
        {
            throw CairnException.Invalid(field + ".metric", e.Message);
        }

        if (!MetricThreshold.Operators.Contains(t.Op))
        {
            throw CairnException.Invalid(field + ".op", $"'{t.Op}' is not one of {string.Join(", ", MetricThreshold.Operators)}");
        }

        return double.IsFinite(t.Value) ? t : throw CairnException.Invalid(field + ".value", $"must be a finite number");
    }
}

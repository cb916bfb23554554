namespace Cairn.Core.Registry;

/// <summary>
/// A project's rules for its registry: which tiers need a valid signature to be loaded or promoted,
/// which aliases are protected, how many approvals a protected move needs per tier, and the metric
/// thresholds of the evaluation gate.
/// </summary>
/// <param name="RequireSignature">Risk tiers whose versions must carry a valid signature.</param>
/// <param name="ProtectedAliases">Aliases that move only through a promotion request.</param>
/// <param name="Approvals">Approvals needed per risk tier.</param>
/// <param name="EvaluationGate">Thresholds a version's recorded metrics must meet to take a protected alias.</param>
public sealed record RegistryPolicy(
    IReadOnlyList<string> RequireSignature,
    IReadOnlyList<string> ProtectedAliases,
    IReadOnlyDictionary<string, int> Approvals,
    IReadOnlyList<MetricThreshold> EvaluationGate)
{
    /// <summary>The policy of a project that never set one: high-risk versions signed, <c>champion</c> protected, approvals 0/1/2.</summary>
    public static RegistryPolicy Default { get; } = new(
        ["high"], ["champion"], new Dictionary<string, int> { ["low"] = 0, ["medium"] = 1, ["high"] = 2 }, []);

    /// <summary>Approvals a tier needs (0 when the policy does not name it).</summary>
    public int ApprovalsFor(string tier) => Approvals.TryGetValue(tier, out var n) ? n : 0;
}

/// <summary>One condition of the evaluation gate, e.g. <c>accuracy &gt;= 0.9</c>.</summary>
/// <param name="Metric">Metric key.</param>
/// <param name="Op">One of <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>.</param>
/// <param name="Value">Threshold.</param>
public sealed record MetricThreshold(string Metric, string Op, double Value)
{
    /// <summary>The comparison operators a threshold may use.</summary>
    public static readonly IReadOnlyList<string> Operators = [">=", ">", "<=", "<"];

    /// <summary>Whether <paramref name="actual"/> satisfies the threshold (NaN never does).</summary>
    public bool IsMetBy(double actual) => Op switch
    {
        ">=" => actual >= Value,
        ">" => actual > Value,
        "<=" => actual <= Value,
        "<" => actual < Value,
        _ => false,
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Metric} {Op} {Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}

using Cairn.Core.Tracking;

namespace Cairn.Core.Registry;

/// <summary>A registered model: a name under which immutable versions are kept, with tags and aliases.</summary>
/// <param name="Name">Unique within the project.</param>
/// <param name="Description">Free text.</param>
/// <param name="RiskTier">low, medium or high (<see cref="RiskTiers"/>).</param>
/// <param name="Owner">Who created it.</param>
/// <param name="CreationTime">ms since the epoch.</param>
/// <param name="LastUpdatedTime">ms since the epoch.</param>
/// <param name="Tags">Mutable tags.</param>
/// <param name="Aliases">Alias to version number.</param>
public sealed record RegisteredModel(
    string Name, string Description, string RiskTier, string Owner, long CreationTime, long LastUpdatedTime,
    IReadOnlyList<KeyValue> Tags, IReadOnlyList<ModelAlias> Aliases);

/// <summary>An alias (<c>champion</c>, <c>challenger</c>, any name) pointing at one version.</summary>
/// <param name="Alias">The alias.</param>
/// <param name="Version">Version number.</param>
public sealed record ModelAlias(string Alias, long Version);

/// <summary>Risk tiers of registered models.</summary>
public static class RiskTiers
{
    /// <summary>Every tier, lowest first.</summary>
    public static readonly IReadOnlyList<string> All = ["low", "medium", "high"];
}

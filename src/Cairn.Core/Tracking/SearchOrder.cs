namespace Cairn.Core.Tracking;

/// <summary>One <c>order_by</c> term.</summary>
/// <param name="Entity">Metric, param, tag or attribute.</param>
/// <param name="Key">Key or canonical attribute name.</param>
/// <param name="Ascending">Direction (MLflow's default is ascending).</param>
public sealed record SearchOrder(SearchEntity Entity, string Key, bool Ascending);

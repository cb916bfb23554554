namespace Cairn.Core.Tracking;

/// <summary>One comparison of a search filter. Exactly one of <see cref="Number"/>, <see cref="Text"/>, <see cref="List"/> is set.</summary>
/// <param name="Entity">What is compared.</param>
/// <param name="Key">Metric, param or tag key, or attribute name (canonical: start_time, run_name, …).</param>
/// <param name="Comparator">One of = != &gt; &gt;= &lt; &lt;= LIKE ILIKE IN, NOT IN.</param>
/// <param name="Number">Numeric operand (metrics, numeric attributes).</param>
/// <param name="Text">String operand.</param>
/// <param name="List">Operands of IN / NOT IN.</param>
public sealed record SearchClause(SearchEntity Entity, string Key, string Comparator, double? Number, string? Text, IReadOnlyList<string>? List);

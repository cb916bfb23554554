namespace Cairn.Core.Tracking;

/// <summary>A parsed run search within one project.</summary>
/// <param name="ProjectId">The caller's project.</param>
/// <param name="ExperimentIds">Experiments to search (per-project numbers).</param>
/// <param name="Filter">Clauses joined by AND.</param>
/// <param name="OrderBy">Terms; <c>start_time DESC, run_id</c> is always appended as the tie-break.</param>
/// <param name="View">Lifecycle stages to include.</param>
/// <param name="MaxResults">Page size.</param>
/// <param name="Offset">Rows to skip (from the page token).</param>
public sealed record RunQuery(
    long ProjectId, IReadOnlyList<long> ExperimentIds, IReadOnlyList<SearchClause> Filter, IReadOnlyList<SearchOrder> OrderBy, ViewType View, int MaxResults, int Offset);

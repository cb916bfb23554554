namespace Cairn.Core.Audit;

/// <summary>An event to append to the audit log.</summary>
/// <param name="OccurredAt">When it happened, ms since the epoch.</param>
/// <param name="Actor">Who did it (principal and key prefix), or <c>anonymous</c>.</param>
/// <param name="Project">The project acted on, or null for instance-level actions.</param>
/// <param name="Action">What was done, e.g. <c>CreateProject</c>.</param>
/// <param name="Target">What it was done to, e.g. the request path.</param>
/// <param name="RequestId">The W3C trace id of the request.</param>
/// <param name="Outcome">One of <c>success</c>, <c>denied</c>, <c>failure</c>.</param>
/// <param name="Status">The HTTP status returned.</param>
/// <param name="Detail">Extra facts, possibly empty.</param>
public sealed record AuditRecord(
    long OccurredAt,
    string Actor,
    string? Project,
    string Action,
    string Target,
    string RequestId,
    string Outcome,
    int Status,
    string Detail);

namespace Cairn.Core.Audit;

/// <summary>A filter over audit events, newest first.</summary>
/// <param name="Project">Only this project's events (required for callers who are not instance administrators).</param>
/// <param name="Actor">Substring of the actor.</param>
/// <param name="Action">Exact action name.</param>
/// <param name="Outcome">Exact outcome.</param>
/// <param name="BeforeSeq">Only events before this sequence number (paging).</param>
/// <param name="Limit">At most this many events.</param>
public sealed record AuditQuery(
    string? Project, string? Actor, string? Action, string? Outcome, long? BeforeSeq, int Limit);

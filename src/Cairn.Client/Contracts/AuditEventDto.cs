namespace Cairn.Client.Contracts;

/// <summary>An audit event with its place in the hash chain.</summary>
/// <param name="Seq">Position in the chain.</param>
/// <param name="OccurredAt">Time, ms since the epoch.</param>
/// <param name="Actor">Principal and key prefix, or anonymous.</param>
/// <param name="Project">Project acted on.</param>
/// <param name="Action">Action name.</param>
/// <param name="Target">Method and path.</param>
/// <param name="RequestId">W3C trace id.</param>
/// <param name="Outcome">success, denied or failure.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Detail">Extra facts.</param>
/// <param name="PrevHash">Previous event's hash.</param>
/// <param name="Hash">This event's hash.</param>
public sealed record AuditEventDto(
    long Seq, long OccurredAt, string Actor, string? Project, string Action, string Target, string RequestId,
    string Outcome, int Status, string Detail, string PrevHash, string Hash);

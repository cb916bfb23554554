namespace Cairn.Core.Audit;

/// <summary>A stored audit event: a record with its place in the hash chain.</summary>
/// <param name="Seq">Position in the chain, starting at 1, without gaps.</param>
/// <param name="Record">The event's facts.</param>
/// <param name="PrevHash">Hash of the previous event (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over <paramref name="Seq"/>, <paramref name="PrevHash"/> and the record.</param>
public sealed record AuditEvent(long Seq, AuditRecord Record, string PrevHash, string Hash);

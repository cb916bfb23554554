using Cairn.Core.Audit;

namespace Cairn.Core.Storage;

/// <summary>The append-only audit log. There is no update and no delete.</summary>
public interface IAuditStore
{
    /// <summary>Appends records in order as one transaction, chaining each to the current head.</summary>
    Task<IReadOnlyList<AuditEvent>> AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct);

    /// <summary>Events matching a filter, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken ct);

    /// <summary>Streams every stored event in sequence order.</summary>
    IAsyncEnumerable<AuditEvent> ReadChainAsync(CancellationToken ct);

    /// <summary>The recorded head: the last sequence number and hash (0 and the genesis hash when empty).</summary>
    Task<(long Seq, string Hash)> GetHeadAsync(CancellationToken ct);
}

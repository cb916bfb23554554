using System.Runtime.CompilerServices;
using System.Text;
using Cairn.Core.Audit;
using Cairn.Core.Storage;
using Cairn.Storage.Rows;
using Dapper;

namespace Cairn.Storage.Sql;

/// <summary>
/// The audit chain over SQLite or PostgreSQL. Appends hold the head row's lock for the whole
/// transaction (SQLite's write lock; <c>FOR UPDATE</c> on PostgreSQL), so replicas never fork the chain.
/// </summary>
public sealed class SqlAuditStore(ConnectionFactory connections) : IAuditStore
{
    private const string Columns =
        """
        seq AS Seq, occurred_at AS OccurredAt, actor AS Actor, project AS Project, action AS Action, target AS Target,
        request_id AS RequestId, outcome AS Outcome, status AS Status, detail AS Detail, prev_hash AS PrevHash, hash AS Hash
        """;

    private const int ChainPage = 2000;

    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var lockClause = connections.Provider == SqlProvider.Postgres ? " FOR UPDATE" : string.Empty;
        var head = await connection.QuerySingleAsync<(long Seq, string Hash)>(new CommandDefinition(
            $"SELECT seq, hash FROM audit_head WHERE id = 1{lockClause}", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);

        var events = new List<AuditEvent>(records.Count);
        var (seq, prev) = head;
        foreach (var record in records)
        {
            seq++;
            var hash = AuditChain.ComputeHash(seq, prev, record);
            events.Add(new AuditEvent(seq, record, prev, hash));
            prev = hash;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_events (seq, occurred_at, actor, project, action, target, request_id, outcome, status, detail, prev_hash, hash)
            VALUES (@Seq, @OccurredAt, @Actor, @Project, @Action, @Target, @RequestId, @Outcome, @Status, @Detail, @PrevHash, @Hash)
            """,
            events.Select(e => new
            {
                e.Seq, e.Record.OccurredAt, e.Record.Actor, e.Record.Project, e.Record.Action, e.Record.Target,
                e.Record.RequestId, e.Record.Outcome, Status = (long)e.Record.Status, e.Record.Detail, e.PrevHash, e.Hash,
            }),
            tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE audit_head SET seq = @seq, hash = @prev WHERE id = 1", new { seq, prev }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return events;
    }

    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_events WHERE 1 = 1");
        if (query.Project is not null)
        {
            sql.Append(" AND project = @Project");
        }

        if (!string.IsNullOrEmpty(query.Actor))
        {
            sql.Append(" AND LOWER(actor) LIKE @actorLike ESCAPE '\\'");
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            sql.Append(" AND action = @Action");
        }

        if (!string.IsNullOrEmpty(query.Outcome))
        {
            sql.Append(" AND outcome = @Outcome");
        }

        if (query.BeforeSeq is not null)
        {
            sql.Append(" AND seq < @BeforeSeq");
        }

        sql.Append(" ORDER BY seq DESC LIMIT @Limit");
        // Case-insensitive substring on both providers (SQLite's LIKE ignores ASCII case, PostgreSQL's does not); wildcards match literally.
        var actorLike = "%" + (query.Actor ?? string.Empty).ToLowerInvariant()
            .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            sql.ToString(),
            new { query.Project, actorLike, query.Action, query.Outcome, query.BeforeSeq, query.Limit },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async IAsyncEnumerable<AuditEvent> ReadChainAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        long after = long.MinValue;
        while (true)
        {
            var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition(
                $"SELECT {Columns} FROM audit_events WHERE seq > @after ORDER BY seq LIMIT {ChainPage}",
                new { after }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            foreach (var row in rows)
            {
                yield return row.ToDomain();
            }

            if (rows.Count < ChainPage)
            {
                yield break;
            }

            after = rows[^1].Seq;
        }
    }

    public async Task<(long Seq, string Hash)> GetHeadAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "SELECT seq, hash FROM audit_head WHERE id = 1", cancellationToken: ct)).ConfigureAwait(false);
    }
}

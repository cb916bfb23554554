using Cairn.Core.Storage;
using Dapper;

namespace Cairn.Storage.Sql;

/// <summary>Web UI sessions over SQLite or PostgreSQL; expired rows are removed as new sessions start.</summary>
public sealed class SqlSessionStore(ConnectionFactory connections) : ISessionStore
{
    public async Task CreateAsync(string tokenHash, long keyId, long now, long expiresAt, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ui_sessions WHERE expires_at <= @now", new { now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ui_sessions (token_hash, key_id, created_at, expires_at) VALUES (@tokenHash, @keyId, @now, @expiresAt)",
            new { tokenHash, keyId, now, expiresAt }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<long?> FindKeyIdAsync(string tokenHash, long now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT key_id FROM ui_sessions WHERE token_hash = @tokenHash AND expires_at > @now",
            new { tokenHash, now }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string tokenHash, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ui_sessions WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken: ct)).ConfigureAwait(false);
    }
}

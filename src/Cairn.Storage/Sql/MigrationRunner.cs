using System.Data.Common;
using Dapper;

namespace Cairn.Storage.Sql;

/// <summary>
/// Applies pending migrations, each in its own transaction (both providers have transactional DDL).
/// On PostgreSQL a session advisory lock, held for the whole upgrade, keeps two replicas from migrating at once.
/// </summary>
public sealed class MigrationRunner(ConnectionFactory connections, TimeProvider time)
{
    private const long AdvisoryLockKey = 0x436169726e; // "Cairn"

    /// <summary>The migrations this build expects.</summary>
    public IReadOnlyList<Migration> Expected { get; } = MigrationCatalog.For(connections.Provider);

    /// <summary>Applies what is pending and returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> UpgradeAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var postgres = connections.Provider == SqlProvider.Postgres;
        if (postgres)
        {
            // Held for the whole upgrade, history table included: two replicas never migrate at once.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct)).ConfigureAwait(false);
        }
        else
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        }

        try
        {
            return await ApplyPendingAsync(connection, ct).ConfigureAwait(false);
        }
        finally
        {
            if (postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<string>> ApplyPendingAsync(DbConnection connection, CancellationToken ct)
    {
        await EnsureHistoryTableAsync(connection, ct).ConfigureAwait(false);
        var applied = new List<string>();
        foreach (var migration in Expected)
        {
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var existing = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT checksum FROM schema_migrations WHERE version = @v", new { v = migration.Version }, tx).ConfigureAwait(false);
            if (existing is not null)
            {
                if (!string.Equals(existing, migration.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} was applied with a different checksum: the script changed after it was applied");
                }

                continue;
            }

            await connection.ExecuteAsync(migration.Sql, transaction: tx).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @now)",
                new { migration.Version, migration.Name, migration.Checksum, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
                tx).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            applied.Add(migration.Name);
        }

        return applied;
    }

    /// <summary>The highest applied version (0 when none).</summary>
    public async Task<int> AppliedVersionAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var existsSql = connections.Provider == SqlProvider.Postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(existsSql, cancellationToken: ct)).ConfigureAwait(false) == 0)
        {
            return 0;
        }

        return await connection.ExecuteScalarAsync<int?>(
            new CommandDefinition("SELECT MAX(version) FROM schema_migrations", cancellationToken: ct)).ConfigureAwait(false) ?? 0;
    }

    private static Task EnsureHistoryTableAsync(DbConnection connection, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """,
            cancellationToken: ct));
}

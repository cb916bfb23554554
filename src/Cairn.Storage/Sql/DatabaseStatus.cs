using Cairn.Core.Storage;

namespace Cairn.Storage.Sql;

/// <summary>Reports reachability and schema version for <c>/readyz</c>.</summary>
public sealed class DatabaseStatus(ConnectionFactory connections, MigrationRunner migrations) : IDatabaseStatus
{
    public string Provider => connections.Provider == SqlProvider.Postgres ? "postgres" : "sqlite";

    public async Task<(int Applied, int Expected)> GetSchemaVersionAsync(CancellationToken ct) =>
        (await migrations.AppliedVersionAsync(ct).ConfigureAwait(false), migrations.Expected.Count);
}

using Cairn.Core.Registry;
using Dapper;

namespace Cairn.Storage.Sql.Registry;

public sealed partial class SqlRegistryGovernanceStore
{
    private const string DatasetColumns = "d.id AS Id, d.name AS Name, d.digest AS Digest, d.source_type AS SourceType, d.source AS Source";

    public async Task<bool> AddVersionEdgeAsync(long projectId, string name, long version, string relation, string toKind, string toId, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await VersionModelIdAsync(connection, tx, projectId, name, version, ct).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO version_edges (model_id, version, relation, to_kind, to_id, created_at) VALUES (@id, @version, @relation, @toKind, @toId, @now)
            ON CONFLICT (model_id, version, relation, to_kind, to_id) DO NOTHING
            """, new { id, version, relation, toKind, toId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RemoveVersionEdgeAsync(long projectId, string name, long version, string relation, string toKind, string toId, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var removed = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM version_edges WHERE version = @version AND relation = @relation AND to_kind = @toKind AND to_id = @toId
            AND model_id = (SELECT id FROM registered_models WHERE project_id = @projectId AND name = @name)
            """, new { projectId, name, version, relation, toKind, toId }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return removed > 0;
    }

    public async Task<IReadOnlyList<(string Relation, string Kind, string Id)>> EdgesFromVersionAsync(long projectId, string name, long version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<(string, string, string)>(new CommandDefinition(
            """
            SELECT e.relation, e.to_kind, e.to_id FROM version_edges e JOIN registered_models m ON m.id = e.model_id
            WHERE m.project_id = @projectId AND m.name = @name AND e.version = @version ORDER BY e.created_at DESC, e.to_id
            """, new { projectId, name, version }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<IReadOnlyList<(string Name, long Version, string Relation)>> VersionsWithEdgeToAsync(long projectId, string toKind, string toId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<(string, long, string)>(new CommandDefinition(
            """
            SELECT m.name, e.version, e.relation FROM version_edges e JOIN registered_models m ON m.id = e.model_id
            WHERE m.project_id = @projectId AND e.to_kind = @toKind AND e.to_id = @toId ORDER BY m.name, e.version
            """, new { projectId, toKind, toId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<IReadOnlyList<LineageDataset>> DatasetsOfRunAsync(long projectId, string runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<LineageDataset>(new CommandDefinition(
            $"SELECT {DatasetColumns} FROM run_inputs i JOIN datasets d ON d.id = i.dataset_id WHERE d.project_id = @projectId AND i.run_id = @runId ORDER BY d.name, d.digest",
            new { projectId, runId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<LineageDataset?> GetDatasetAsync(long projectId, string datasetId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<LineageDataset>(new CommandDefinition(
            $"SELECT {DatasetColumns} FROM datasets d WHERE d.project_id = @projectId AND d.id = @datasetId", new { projectId, datasetId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> RunsOfDatasetAsync(long projectId, string datasetId, int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT i.run_id FROM run_inputs i JOIN datasets d ON d.id = i.dataset_id
            WHERE d.project_id = @projectId AND d.id = @datasetId ORDER BY i.run_id LIMIT {limit}
            """, new { projectId, datasetId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<IReadOnlyList<(string Name, long Version)>> VersionsOfRunAsync(long projectId, string runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<(string, long)>(new CommandDefinition(
            """
            SELECT m.name, v.version FROM model_versions v JOIN registered_models m ON m.id = v.model_id
            WHERE m.project_id = @projectId AND v.run_id = @runId ORDER BY m.name, v.version
            """, new { projectId, runId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }
}

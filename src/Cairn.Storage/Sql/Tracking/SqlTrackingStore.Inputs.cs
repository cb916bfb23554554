using System.Data.Common;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

public sealed partial class SqlTrackingStore
{
    public async Task LogInputsAsync(long projectId, string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await RequireActiveRunAsync(connection, tx, projectId, runId, ct).ConfigureAwait(false);
        var experiment = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT experiment_number FROM runs WHERE id = @runId", new { runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var input in inputs)
        {
            var d = input.Dataset;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO datasets (id, project_id, experiment_number, name, digest, source_type, source, schema_json, profile_json)
                VALUES (@id, @projectId, @experiment, @Name, @Digest, @SourceType, @Source, @Schema, @Profile)
                ON CONFLICT (project_id, experiment_number, name, digest) DO NOTHING
                """,
                new { id = Guid.NewGuid().ToString("N"), projectId, experiment, d.Name, d.Digest, d.SourceType, d.Source, d.Schema, d.Profile },
                tx, cancellationToken: ct)).ConfigureAwait(false);
            var datasetId = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT id FROM datasets WHERE project_id = @projectId AND experiment_number = @experiment AND name = @Name AND digest = @Digest",
                new { projectId, experiment, d.Name, d.Digest }, tx, cancellationToken: ct)).ConfigureAwait(false);
            var linked = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO run_inputs (run_id, dataset_id) VALUES (@runId, @datasetId) ON CONFLICT DO NOTHING",
                new { runId, datasetId }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (linked > 0 && input.Tags.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO run_input_tags (run_id, dataset_id, key, value) VALUES (@runId, @datasetId, @Key, @Value) ON CONFLICT DO NOTHING",
                    input.Tags.Select(t => new { runId, datasetId, t.Key, t.Value }), tx, cancellationToken: ct)).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<ILookup<string, DatasetInput>> InputsAsync(DbConnection connection, List<string> ids, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(string RunId, string DatasetId, string Name, string Digest, string SourceType, string Source, string Schema, string Profile)>(new CommandDefinition(
            $"""
            SELECT i.run_id, d.id, d.name, d.digest, d.source_type, d.source, d.schema_json, d.profile_json
            FROM run_inputs i JOIN datasets d ON d.id = i.dataset_id WHERE {connections.InList("i.run_id", "@ids")} ORDER BY d.name, d.digest
            """,
            new { ids = connections.ListParameter(ids) }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return Array.Empty<DatasetInput>().ToLookup(_ => string.Empty);
        }

        var tags = (await connection.QueryAsync<(string RunId, string DatasetId, string Key, string Value)>(new CommandDefinition(
            $"SELECT run_id, dataset_id, key, value FROM run_input_tags WHERE {connections.InList("run_id", "@ids")} ORDER BY key",
            new { ids = connections.ListParameter(ids) }, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(t => (t.RunId, t.DatasetId));
        return rows.ToLookup(
            r => r.RunId,
            r => new DatasetInput(
                new Dataset(r.Name, r.Digest, r.SourceType, r.Source, r.Schema, r.Profile),
                tags[(r.RunId, r.DatasetId)].Select(t => new KeyValue(t.Key, t.Value)).ToList()),
            StringComparer.Ordinal);
    }
}

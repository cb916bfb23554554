using System.Text.Json;
using Cairn.Core.Evaluation;
using Cairn.Core.Storage;
using Dapper;

namespace Cairn.Storage.Sql.Evaluation;

/// <summary>Evaluation dataset versions over SQLite or PostgreSQL.</summary>
public sealed class SqlEvaluationDatasetStore(ConnectionFactory connections) : IEvaluationDatasetStore
{
    private const string Columns =
        "name AS Name, version AS Version, digest AS Digest, format AS Format, row_count AS RowCount, columns_json AS ColumnsJson, " +
        "size_bytes AS SizeBytes, description AS Description, created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task<EvaluationDataset> AddAsync(long projectId, EvaluationDataset dataset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryAddAsync(projectId, dataset, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < 5 && SqlErrors.IsUniqueViolation(e))
            {
                // A concurrent upload took the version number (or added the same bytes): look again.
            }
        }
    }

    private async Task<EvaluationDataset> TryAddAsync(long projectId, EvaluationDataset dataset, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var existing = await write.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM evaluation_datasets WHERE project_id = @projectId AND name = @Name AND digest = @Digest",
            new { projectId, dataset.Name, dataset.Digest }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.ToDataset();
        }

        var next = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM evaluation_datasets WHERE project_id = @projectId AND name = @Name",
            new { projectId, dataset.Name }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        var added = dataset with { Version = next };
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO evaluation_datasets (project_id, name, version, digest, format, row_count, columns_json, size_bytes, description, created_by, created_at)
            VALUES (@projectId, @Name, @Version, @Digest, @Format, @Rows, @columns, @SizeBytes, @Description, @CreatedBy, @CreatedAt)
            """,
            new
            {
                projectId, added.Name, added.Version, added.Digest, added.Format, added.Rows, columns = JsonSerializer.Serialize(added.Columns),
                added.SizeBytes, added.Description, added.CreatedBy, added.CreatedAt,
            },
            write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return added;
    }

    public async Task<EvaluationDataset?> GetAsync(long projectId, string name, long? version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            version is null
                ? $"SELECT {Columns} FROM evaluation_datasets WHERE project_id = @projectId AND name = @name ORDER BY version DESC LIMIT 1"
                : $"SELECT {Columns} FROM evaluation_datasets WHERE project_id = @projectId AND name = @name AND version = @version",
            new { projectId, name, version }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToDataset();
    }

    public async Task<IReadOnlyList<EvaluationDataset>> ListAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM evaluation_datasets WHERE project_id = @projectId ORDER BY name, version", new { projectId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDataset()).ToList();
    }

    private sealed class Row
    {
        public string Name { get; set; } = "";
        public long Version { get; set; }
        public string Digest { get; set; } = "";
        public string Format { get; set; } = "";
        public long RowCount { get; set; }
        public string ColumnsJson { get; set; } = "[]";
        public long SizeBytes { get; set; }
        public string Description { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }

        public EvaluationDataset ToDataset() => new(
            Name, Version, Digest, Format, RowCount, JsonSerializer.Deserialize<string[]>(ColumnsJson) ?? [], SizeBytes, Description, CreatedBy, CreatedAt);
    }
}

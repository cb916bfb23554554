using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Core.Serving;
using Cairn.Core.Storage;
using Dapper;

namespace Cairn.Storage.Sql.Serving;

/// <summary>Deployments over SQLite or PostgreSQL; settings are stored as JSON.</summary>
public sealed class SqlDeploymentStore(ConnectionFactory connections) : IDeploymentStore
{
    private const string Columns =
        "name AS Name, model_name AS ModelName, model_version AS ModelVersion, model_file AS ModelFile, settings_json AS SettingsJson, " +
        "created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateAsync(long projectId, Deployment deployment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        try
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO deployments (project_id, name, model_name, model_version, model_file, settings_json, created_by, created_at, updated_at)
                VALUES (@projectId, @Name, @ModelName, @ModelVersion, @ModelFile, @settings, @CreatedBy, @CreatedAt, @UpdatedAt)
                """,
                new
                {
                    projectId, deployment.Name, deployment.ModelName, deployment.ModelVersion, deployment.ModelFile,
                    settings = JsonSerializer.Serialize(deployment.Settings, Json), deployment.CreatedBy, deployment.CreatedAt, deployment.UpdatedAt,
                },
                write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("deployment", deployment.Name);
        }

        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<Deployment?> GetAsync(long projectId, string name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM deployments WHERE project_id = @projectId AND name = @name", new { projectId, name }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToDeployment();
    }

    public async Task<IReadOnlyList<Deployment>> ListAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM deployments WHERE project_id = @projectId ORDER BY name", new { projectId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDeployment()).ToList();
    }

    public async Task<IReadOnlyList<(long ProjectId, Deployment Deployment)>> ListAllAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT project_id AS ProjectId, {Columns} FROM deployments ORDER BY project_id, name", cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => (r.ProjectId, r.ToDeployment())).ToList();
    }

    public async Task<bool> DeleteAsync(long projectId, string name, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM deployments WHERE project_id = @projectId AND name = @name", new { projectId, name }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return deleted > 0;
    }

    private sealed class Row
    {
        public long ProjectId { get; set; }
        public string Name { get; set; } = "";
        public string ModelName { get; set; } = "";
        public long ModelVersion { get; set; }
        public string ModelFile { get; set; } = "";
        public string SettingsJson { get; set; } = "{}";
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Deployment ToDeployment() => new(
            Name, ModelName, ModelVersion, ModelFile, JsonSerializer.Deserialize<DeploymentSettings>(SettingsJson, Json) ?? new DeploymentSettings(),
            CreatedBy, CreatedAt, UpdatedAt);
    }
}

using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Registry;

/// <summary>The model registry over SQLite or PostgreSQL; every statement is bounded by the caller's project.</summary>
public sealed partial class SqlRegistryStore(ConnectionFactory connections, RegistryReadCache cache) : IRegistryStore
{
    private const string ModelColumns =
        "id AS Id, name AS Name, description AS Description, risk_tier AS RiskTier, owner AS Owner, created_at AS CreationTime, updated_at AS LastUpdatedTime";

    public async Task<RegisteredModel> CreateModelAsync(long projectId, RegisteredModel model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = Guid.NewGuid().ToString("N");
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO registered_models (id, project_id, name, description, risk_tier, owner, created_at, updated_at, next_version)
                VALUES (@id, @projectId, @Name, @Description, @RiskTier, @Owner, @CreationTime, @LastUpdatedTime, 1)
                """,
                new { id, projectId, model.Name, model.Description, model.RiskTier, model.Owner, model.CreationTime, model.LastUpdatedTime },
                tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("registered model", model.Name);
        }

        if (model.Tags.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO registered_model_tags (model_id, key, value) VALUES (@id, @Key, @Value)",
                model.Tags.Select(t => new { id, t.Key, t.Value }), tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return model with { Aliases = [] };
    }

    public async Task<RegisteredModel?> GetModelAsync(long projectId, string name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await LoadModelsAsync(connection, "project_id = @projectId AND name = @name", new { projectId, name }, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await LoadModelsAsync(connection, "project_id = @projectId", new { projectId }, ct).ConfigureAwait(false);
    }

    public async Task<bool> UpdateModelAsync(long projectId, string name, string? description, string? riskTier, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE registered_models SET description = COALESCE(@description, description), risk_tier = COALESCE(@riskTier, risk_tier), updated_at = @now
            WHERE project_id = @projectId AND name = @name
            """,
            new { projectId, name, description, riskTier, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<bool> RenameModelAsync(long projectId, string name, string newName, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        try
        {
            var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE registered_models SET name = @newName, updated_at = @now WHERE project_id = @projectId AND name = @name",
                new { projectId, name, newName, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
            await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
            return changed > 0;
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("registered model", newName);
        }
    }

    public async Task<IReadOnlyList<string>?> DeleteModelAsync(long projectId, string name, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await ModelIdAsync(connection, tx, projectId, name, ct).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }

        var digests = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT sha256 FROM model_version_files WHERE model_id = @id", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM promotion_reviews WHERE request_id IN (SELECT id FROM promotion_requests WHERE model_id = @id)", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var table in new[]
        {
            "promotion_requests", "model_version_signatures", "model_cards", "version_edges", "model_retention",
            "model_aliases", "model_version_files", "model_version_tags", "model_versions", "registered_model_tags",
        })
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE model_id = @id", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM registered_models WHERE id = @id", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return digests;
    }

    public async Task<bool> SetModelTagAsync(long projectId, string name, string key, string? value, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await TouchModelAsync(connection, tx, projectId, name, now, ct).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            value is null
                ? "DELETE FROM registered_model_tags WHERE model_id = @id AND key = @key"
                : "INSERT INTO registered_model_tags (model_id, key, value) VALUES (@id, @key, @value) ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value",
            new { id, key, value }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> SetAliasAsync(long projectId, string name, string alias, long version, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await ModelIdAsync(connection, tx, projectId, name, ct).ConfigureAwait(false);
        if (id is null || await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM model_versions WHERE model_id = @id AND version = @version", new { id, version }, tx, cancellationToken: ct)).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO model_aliases (model_id, alias, version) VALUES (@id, @alias, @version) ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version",
            new { id, alias, version }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE registered_models SET updated_at = @now WHERE id = @id", new { id, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAliasAsync(long projectId, string name, string alias, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await TouchModelAsync(connection, tx, projectId, name, now, ct).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM model_aliases WHERE model_id = @id AND alias = @alias", new { id, alias }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private static Task<string?> ModelIdAsync(DbConnection connection, DbTransaction? tx, long projectId, string name, CancellationToken ct) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM registered_models WHERE project_id = @projectId AND name = @name", new { projectId, name }, tx, cancellationToken: ct));

    private static async Task<string?> TouchModelAsync(DbConnection connection, DbTransaction tx, long projectId, string name, long now, CancellationToken ct)
    {
        var id = await ModelIdAsync(connection, tx, projectId, name, ct).ConfigureAwait(false);
        if (id is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE registered_models SET updated_at = @now WHERE id = @id", new { id, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        return id;
    }

    private async Task<List<RegisteredModel>> LoadModelsAsync(DbConnection connection, string where, object args, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<ModelRow>(new CommandDefinition(
            $"SELECT {ModelColumns} FROM registered_models WHERE {where} ORDER BY name", args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = connections.ListParameter(rows.Select(r => r.Id).ToList());
        var tags = (await connection.QueryAsync<(string ModelId, string Key, string Value)>(new CommandDefinition(
            $"SELECT model_id, key, value FROM registered_model_tags WHERE {connections.InList("model_id", "@ids")} ORDER BY key", new { ids }, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(t => t.ModelId, t => new KeyValue(t.Key, t.Value));
        var aliases = (await connection.QueryAsync<(string ModelId, string Alias, long Version)>(new CommandDefinition(
            $"SELECT model_id, alias, version FROM model_aliases WHERE {connections.InList("model_id", "@ids")} ORDER BY alias", new { ids }, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(a => a.ModelId, a => new ModelAlias(a.Alias, a.Version));
        return rows.Select(r => new RegisteredModel(r.Name, r.Description, r.RiskTier, r.Owner, r.CreationTime, r.LastUpdatedTime, tags[r.Id].ToList(), aliases[r.Id].ToList())).ToList();
    }

    private sealed class ModelRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string RiskTier { get; set; } = "";
        public string Owner { get; set; } = "";
        public long CreationTime { get; set; }
        public long LastUpdatedTime { get; set; }
    }
}

using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Registry;

public sealed partial class SqlRegistryStore
{
    private const string VersionColumns =
        """
        m.name AS Name, v.model_id AS ModelId, v.version AS Version, v.source AS Source, v.run_id AS RunId, v.logged_model_id AS LoggedModelId,
        v.description AS Description, v.author AS Author, v.stage AS Stage, v.status AS Status, v.digest AS Digest, v.created_at AS CreationTime, v.updated_at AS LastUpdatedTime
        """;

    public async Task<ModelVersion> CreateVersionAsync(long projectId, ModelVersion version, IReadOnlyList<ModelFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(files);
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);

        // Numbering under the row lock: concurrent registrations get distinct numbers on both providers.
        var claimed = (await connection.QueryAsync<(string Id, long Number)>(new CommandDefinition(
            """
            UPDATE registered_models SET next_version = next_version + 1, updated_at = @LastUpdatedTime
            WHERE project_id = @projectId AND name = @Name RETURNING id, next_version - 1
            """,
            new { projectId, version.Name, version.LastUpdatedTime }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (claimed is not [var model])
        {
            throw new CairnException(ErrorKind.NotFound, $"Registered Model with name={version.Name} not found");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_versions (model_id, version, source, run_id, logged_model_id, description, author, stage, status, digest, created_at, updated_at)
            VALUES (@id, @number, @Source, @RunId, @LoggedModelId, @Description, @Author, @Stage, @Status, @Digest, @CreationTime, @LastUpdatedTime)
            """,
            new { id = model.Id, number = model.Number, version.Source, version.RunId, version.LoggedModelId, version.Description, version.Author, version.Stage, version.Status, version.Digest, version.CreationTime, version.LastUpdatedTime },
            tx, cancellationToken: ct)).ConfigureAwait(false);
        if (files.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO model_version_files (model_id, version, path, sha256, size) VALUES (@id, @number, @Path, @Sha256, @Size)",
                files.Select(f => new { id = model.Id, number = model.Number, f.Path, f.Sha256, f.Size }), tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        if (version.Tags.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO model_version_tags (model_id, version, key, value) VALUES (@id, @number, @Key, @Value)",
                version.Tags.Select(t => new { id = model.Id, number = model.Number, t.Key, t.Value }), tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return version with { Version = model.Number, Aliases = [] };
    }

    public async Task<ModelVersion?> GetVersionAsync(long projectId, string name, long version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await LoadVersionsAsync(connection, "m.project_id = @projectId AND m.name = @name AND v.version = @version", new { projectId, name, version }, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<ModelVersion?> GetVersionByAliasAsync(long projectId, string name, string alias, CancellationToken ct)
    {
        if (cache.TryGet(projectId, name, alias, out var known))
        {
            return known;
        }

        var generation = cache.Generation;
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var found = (await LoadVersionsAsync(
            connection,
            "m.project_id = @projectId AND m.name = @name AND v.version = (SELECT a.version FROM model_aliases a WHERE a.model_id = m.id AND a.alias = @alias)",
            new { projectId, name, alias },
            ct).ConfigureAwait(false)).SingleOrDefault();
        if (found is not null)
        {
            cache.Store(projectId, name, alias, generation, found);
        }

        return found;
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(long projectId, string? name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await LoadVersionsAsync(connection, "m.project_id = @projectId AND (@name IS NULL OR m.name = @name)", new { projectId, name }, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelFile>> FilesAsync(long projectId, string name, long version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<ModelFile>(new CommandDefinition(
            """
            SELECT f.path AS Path, f.sha256 AS Sha256, f.size AS Size FROM model_version_files f JOIN registered_models m ON m.id = f.model_id
            WHERE m.project_id = @projectId AND m.name = @name AND f.version = @version ORDER BY f.path
            """,
            new { projectId, name, version }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<bool> UpdateVersionAsync(long projectId, string name, long version, string? description, string? stage, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE model_versions SET description = COALESCE(@description, description), stage = COALESCE(@stage, stage), updated_at = @now
            WHERE version = @version AND model_id = (SELECT id FROM registered_models WHERE project_id = @projectId AND name = @name)
            """,
            new { projectId, name, version, description, stage, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task ArchiveOthersAsync(long projectId, string name, long keep, string stage, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE model_versions SET stage = 'Archived', updated_at = @now
            WHERE stage = @stage AND version <> @keep AND model_id = (SELECT id FROM registered_models WHERE project_id = @projectId AND name = @name)
            """,
            new { projectId, name, keep, stage, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>?> DeleteVersionAsync(long projectId, string name, long version, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await ModelIdAsync(connection, tx, projectId, name, ct).ConfigureAwait(false);
        if (id is null || await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM model_versions WHERE model_id = @id AND version = @version", new { id, version }, tx, cancellationToken: ct)).ConfigureAwait(false) == 0)
        {
            return null;
        }

        var digests = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT sha256 FROM model_version_files WHERE model_id = @id AND version = @version", new { id, version }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM promotion_reviews WHERE request_id IN (SELECT id FROM promotion_requests WHERE model_id = @id AND version = @version)",
            new { id, version }, tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var table in new[]
        {
            "promotion_requests", "model_version_signatures", "model_cards", "version_edges", "model_aliases", "model_version_files", "model_version_tags", "model_versions",
        })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE model_id = @id AND version = @version", new { id, version }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return digests;
    }

    public async Task<bool> SetVersionTagAsync(long projectId, string name, long version, string key, string? value, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await ModelIdAsync(connection, tx, projectId, name, ct).ConfigureAwait(false);
        var touched = id is null ? 0 : await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE model_versions SET updated_at = @now WHERE model_id = @id AND version = @version", new { id, version, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (touched == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            value is null
                ? "DELETE FROM model_version_tags WHERE model_id = @id AND version = @version AND key = @key"
                : "INSERT INTO model_version_tags (model_id, version, key, value) VALUES (@id, @version, @key, @value) ON CONFLICT (model_id, version, key) DO UPDATE SET value = excluded.value",
            new { id, version, key, value }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private async Task<List<ModelVersion>> LoadVersionsAsync(DbConnection connection, string where, object args, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM model_versions v JOIN registered_models m ON m.id = v.model_id WHERE {where} ORDER BY m.name, v.version",
            args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = connections.ListParameter(rows.Select(r => r.ModelId).Distinct().ToList());
        var tags = (await connection.QueryAsync<(string ModelId, long Version, string Key, string Value)>(new CommandDefinition(
            $"SELECT model_id, version, key, value FROM model_version_tags WHERE {connections.InList("model_id", "@ids")} ORDER BY key", new { ids }, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(t => (t.ModelId, t.Version), t => new KeyValue(t.Key, t.Value));
        var aliases = (await connection.QueryAsync<(string ModelId, string Alias, long Version)>(new CommandDefinition(
            $"SELECT model_id, alias, version FROM model_aliases WHERE {connections.InList("model_id", "@ids")} ORDER BY alias", new { ids }, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(a => (a.ModelId, a.Version), a => a.Alias);
        return rows.Select(r => new ModelVersion(
            r.Name, r.Version, r.Source, r.RunId, r.LoggedModelId, r.Description, r.Author, r.Stage, r.Status, r.Digest, r.CreationTime, r.LastUpdatedTime,
            tags[(r.ModelId, r.Version)].ToList(), aliases[(r.ModelId, r.Version)].ToList())).ToList();
    }

    private sealed class VersionRow
    {
        public string Name { get; set; } = "";
        public string ModelId { get; set; } = "";
        public long Version { get; set; }
        public string Source { get; set; } = "";
        public string? RunId { get; set; }
        public string? LoggedModelId { get; set; }
        public string Description { get; set; } = "";
        public string Author { get; set; } = "";
        public string Stage { get; set; } = "";
        public string Status { get; set; } = "";
        public string Digest { get; set; } = "";
        public long CreationTime { get; set; }
        public long LastUpdatedTime { get; set; }
    }
}

using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>
/// Artifact trees of runs (<c>run_artifacts</c>) and logged models (<c>model_artifacts</c>) over SQLite or
/// PostgreSQL; every statement is bounded by the caller's project through the owner's row.
/// </summary>
public sealed class SqlArtifactTreeStore(ConnectionFactory connections) : IArtifactTreeStore
{
    private const string Columns = "a.path AS Path, a.sha256 AS Sha256, a.size AS Size";

    /// <summary>Where an owner's tree lives: the index table, its owner column, and the owner table. Constants only, never client text.</summary>
    private static (string Table, string Key, string Owners) Tables(ArtifactOwner owner) =>
        owner.IsModel ? ("model_artifacts", "model_id", "logged_models") : ("run_artifacts", "run_id", "runs");

    public async Task EnsureWritableAsync(long projectId, ArtifactOwner owner, string path, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await CheckWritableAsync(write.Connection, write.Transaction, projectId, owner, path, ct).ConfigureAwait(false);
    }

    public async Task PutAsync(long projectId, ArtifactOwner owner, ArtifactEntry entry, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (table, key, _) = Tables(owner);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await CheckWritableAsync(connection, tx, projectId, owner, entry.Path, ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {table} ({key}, path, sha256, size, created_at) VALUES (@id, @Path, @Sha256, @Size, @now)
            ON CONFLICT ({key}, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, created_at = excluded.created_at
            """,
            new { id = owner.Id, entry.Path, entry.Sha256, entry.Size, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task CheckWritableAsync(DbConnection connection, DbTransaction tx, long projectId, ArtifactOwner owner, string path, CancellationToken ct)
    {
        var (table, key, owners) = Tables(owner);
        var stage = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT lifecycle_stage FROM {owners} WHERE project_id = @projectId AND id = @id", new { projectId, id = owner.Id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (stage is null)
        {
            throw owner.IsModel ? SqlLoggedModelStore.NotFound(owner.Id) : new CairnException(ErrorKind.NotFound, $"Run with id={owner.Id} not found");
        }

        if (stage != LifecycleStage.Active)
        {
            throw owner.IsModel
                ? CairnException.Invalid("path", $"The logged model {owner.Id} is deleted; its artifacts cannot change.")
                : CairnException.Invalid("run_id", $"The run {owner.Id} must be in the 'active' state. Current state is {stage}.");
        }

        // A path cannot be both a file and a directory: refuse 'a' when 'a/b' exists and the reverse.
        var segments = path.Split('/');
        var ancestors = Enumerable.Range(1, segments.Length - 1).Select(n => string.Join('/', segments.Take(n))).ToList();
        var clash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT path FROM {table} WHERE {key} = @id AND ({Below("path", "@path")} OR {connections.InList("path", "@ancestors")}) LIMIT 1",
            new { id = owner.Id, path, ancestors = connections.ListParameter(ancestors) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (clash is not null)
        {
            throw CairnException.Invalid("path", $"'{path}' clashes with the existing artifact '{clash}': a path cannot be both a file and a directory");
        }
    }

    /// <summary>Whether <paramref name="column"/> lies under the directory <paramref name="prefix"/>: exact and case-sensitive on both providers.</summary>
    private static string Below(string column, string prefix) => $"substr({column}, 1, length({prefix}) + 1) = {prefix} || '/'";

    public async Task<ArtifactEntry?> GetAsync(long projectId, ArtifactOwner owner, string path, CancellationToken ct)
    {
        var (table, key, owners) = Tables(owner);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ArtifactEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM {table} a JOIN {owners} o ON o.id = a.{key} WHERE o.project_id = @projectId AND a.{key} = @id AND a.path = @path",
            new { projectId, id = owner.Id, path }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ArtifactEntry>> ListAsync(long projectId, ArtifactOwner owner, string? prefix, CancellationToken ct)
    {
        var (table, key, owners) = Tables(owner);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ArtifactEntry>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM {table} a JOIN {owners} o ON o.id = a.{key}
            WHERE o.project_id = @projectId AND a.{key} = @id AND (@prefix IS NULL OR a.path = @prefix OR {Below("a.path", "@prefix")})
            ORDER BY a.path
            """,
            new { projectId, id = owner.Id, prefix }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<IReadOnlyList<ArtifactEntry>> DeleteAsync(long projectId, ArtifactOwner owner, string prefix, CancellationToken ct)
    {
        var (table, key, owners) = Tables(owner);

        // What is listed is exactly what is deleted: one transaction.
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var entries = (await write.Connection.QueryAsync<ArtifactEntry>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM {table} a JOIN {owners} o ON o.id = a.{key}
            WHERE o.project_id = @projectId AND a.{key} = @id AND (a.path = @prefix OR {Below("a.path", "@prefix")})
            """,
            new { projectId, id = owner.Id, prefix }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (entries.Count > 0)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE {key} = @id AND (path = @prefix OR {Below("path", "@prefix")})",
                new { id = owner.Id, prefix }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
            await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        return entries;
    }

    public async Task<bool> IsReferencedAsync(string sha256, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM run_artifacts WHERE sha256 = @sha256) + (SELECT COUNT(*) FROM model_artifacts WHERE sha256 = @sha256)
                 + (SELECT COUNT(*) FROM model_version_files WHERE sha256 = @sha256) + (SELECT COUNT(*) FROM evaluation_datasets WHERE digest = @sha256)
            """,
            new { sha256 }, cancellationToken: ct)).ConfigureAwait(false) > 0;
    }
}

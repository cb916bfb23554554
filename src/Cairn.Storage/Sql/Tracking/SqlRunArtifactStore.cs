using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>Run artifact index over SQLite or PostgreSQL; every statement is bounded by the caller's project.</summary>
public sealed class SqlRunArtifactStore(ConnectionFactory connections) : IRunArtifactStore
{
    private const string Columns = "a.path AS Path, a.sha256 AS Sha256, a.size AS Size";

    public async Task EnsureWritableAsync(long projectId, string runId, string path, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await CheckWritableAsync(write.Connection, write.Transaction, projectId, runId, path, ct).ConfigureAwait(false);
    }

    public async Task PutAsync(long projectId, string runId, ArtifactEntry entry, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await CheckWritableAsync(connection, tx, projectId, runId, entry.Path, ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO run_artifacts (run_id, path, sha256, size, created_at) VALUES (@runId, @Path, @Sha256, @Size, @now)
            ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, created_at = excluded.created_at
            """,
            new { runId, entry.Path, entry.Sha256, entry.Size, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task CheckWritableAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long projectId, string runId, string path, CancellationToken ct)
    {
        var stage = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT lifecycle_stage FROM runs WHERE project_id = @projectId AND id = @runId", new { projectId, runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (stage is null)
        {
            throw new CairnException(ErrorKind.NotFound, $"Run with id={runId} not found");
        }

        if (stage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("run_id", $"The run {runId} must be in the 'active' state. Current state is {stage}.");
        }

        // A path cannot be both a file and a directory: refuse 'a' when 'a/b' exists and the reverse.
        var segments = path.Split('/');
        var ancestors = Enumerable.Range(1, segments.Length - 1).Select(n => string.Join('/', segments.Take(n))).ToList();
        var clash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT path FROM run_artifacts WHERE run_id = @runId AND ({Below("path", "@path")} OR {connections.InList("path", "@ancestors")}) LIMIT 1",
            new { runId, path, ancestors = connections.ListParameter(ancestors) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (clash is not null)
        {
            throw CairnException.Invalid("path", $"'{path}' clashes with the existing artifact '{clash}': a path cannot be both a file and a directory");
        }
    }

    /// <summary>Whether <paramref name="column"/> lies under the directory <paramref name="prefix"/>: exact and case-sensitive on both providers.</summary>
    private static string Below(string column, string prefix) => $"substr({column}, 1, length({prefix}) + 1) = {prefix} || '/'";

    public async Task<ArtifactEntry?> GetAsync(long projectId, string runId, string path, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ArtifactEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM run_artifacts a JOIN runs r ON r.id = a.run_id WHERE r.project_id = @projectId AND a.run_id = @runId AND a.path = @path",
            new { projectId, runId, path }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ArtifactEntry>> ListAsync(long projectId, string runId, string? prefix, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ArtifactEntry>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM run_artifacts a JOIN runs r ON r.id = a.run_id
            WHERE r.project_id = @projectId AND a.run_id = @runId AND (@prefix IS NULL OR a.path = @prefix OR {Below("a.path", "@prefix")})
            ORDER BY a.path
            """,
            new { projectId, runId, prefix }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<IReadOnlyList<ArtifactEntry>> DeleteAsync(long projectId, string runId, string prefix, CancellationToken ct)
    {
        // What is listed is exactly what is deleted: one transaction.
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var entries = (await write.Connection.QueryAsync<ArtifactEntry>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM run_artifacts a JOIN runs r ON r.id = a.run_id
            WHERE r.project_id = @projectId AND a.run_id = @runId AND (a.path = @prefix OR {Below("a.path", "@prefix")})
            """,
            new { projectId, runId, prefix }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (entries.Count > 0)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM run_artifacts WHERE run_id = @runId AND (path = @prefix OR {Below("path", "@prefix")})",
                new { runId, prefix }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
            await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        return entries;
    }

    public async Task<bool> IsReferencedAsync(string sha256, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM run_artifacts WHERE sha256 = @sha256", new { sha256 }, cancellationToken: ct)).ConfigureAwait(false) > 0;
    }
}

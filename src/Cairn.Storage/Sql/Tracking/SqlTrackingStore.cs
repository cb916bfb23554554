using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Cairn.Storage.Rows;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>
/// Tracking over SQLite or PostgreSQL. Every statement is bounded by the caller's project, so a
/// run or experiment of another project is simply not found.
/// </summary>
public sealed partial class SqlTrackingStore(ConnectionFactory connections) : ITrackingStore
{
    /// <summary>The name MLflow gives experiment 0.</summary>
    public const string DefaultExperimentName = "Default";

    public async Task<Experiment> CreateExperimentAsync(long projectId, string name, string? artifactLocation, IReadOnlyList<KeyValue> tags, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE projects SET next_experiment = next_experiment + 1 WHERE id = @projectId RETURNING next_experiment - 1",
            new { projectId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var location = artifactLocation ?? $"mlflow-artifacts:/{number}";
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO experiments (project_id, number, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
                VALUES (@projectId, @number, @name, @location, 'active', @now, @now)
                """,
                new { projectId, number, name, location, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("experiment", name);
        }

        await UpsertExperimentTagsAsync(connection, tx, projectId, number, tags, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new Experiment(number, projectId, name, location, LifecycleStage.Active, now, now, tags);
    }

    public async Task EnsureDefaultExperimentAsync(long projectId, long now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO experiments (project_id, number, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (@projectId, 0, @name, 'mlflow-artifacts:/0', 'active', @now, @now)
            ON CONFLICT DO NOTHING
            """,
            new { projectId, name = DefaultExperimentName, now }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public Task<Experiment?> GetExperimentAsync(long projectId, long experimentId, CancellationToken ct) =>
        FindExperimentAsync("number = @value", projectId, experimentId, ct);

    public Task<Experiment?> GetExperimentByNameAsync(long projectId, string name, CancellationToken ct) =>
        FindExperimentAsync("name = @value", projectId, name, ct);

    public async Task<(IReadOnlyList<Experiment> Items, int? NextOffset)> SearchExperimentsAsync(
        long projectId, ViewType view, IReadOnlyList<SearchClause> filter, IReadOnlyList<SearchOrder> orderBy, int maxResults, int offset, CancellationToken ct)
    {
        var (sql, args) = ExperimentSearchSql.Build(projectId, Stages(view), filter, orderBy, maxResults + 1, offset, connections.Provider);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<ExperimentRow>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        var page = rows.Take(maxResults).ToList();
        var tags = await ExperimentTagsAsync(connection, projectId, page.Select(r => r.Number).ToArray(), ct).ConfigureAwait(false);
        var items = page.Select(r => r.ToDomain(tags.TryGetValue(r.Number, out var t) ? t : [])).ToList();
        return (items, rows.Count > maxResults ? offset + maxResults : null);
    }

    public async Task RenameExperimentAsync(long projectId, long experimentId, string newName, long now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE experiments SET name = @newName, last_update_time = @now WHERE project_id = @projectId AND number = @experimentId",
                new { projectId, experimentId, newName, now }, cancellationToken: ct)).ConfigureAwait(false);
            if (changed == 0)
            {
                throw ExperimentNotFound(experimentId);
            }
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("experiment", newName);
        }
    }

    public async Task SetExperimentStageAsync(long projectId, long experimentId, string stage, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE experiments SET lifecycle_stage = @stage, last_update_time = @now WHERE project_id = @projectId AND number = @experimentId",
            new { projectId, experimentId, stage, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw ExperimentNotFound(experimentId);
        }

        // As MLflow does: deleting an experiment deletes its runs, and restoring it restores them.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET lifecycle_stage = @stage, deleted_time = @deleted WHERE project_id = @projectId AND experiment_number = @experimentId",
            new { projectId, experimentId, stage, deleted = stage == LifecycleStage.Deleted ? now : (long?)null }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task SetExperimentTagAsync(long projectId, long experimentId, KeyValue tag, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE experiments SET last_update_time = @now WHERE project_id = @projectId AND number = @experimentId",
            new { projectId, experimentId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw ExperimentNotFound(experimentId);
        }

        await UpsertExperimentTagsAsync(connection, tx, projectId, experimentId, [tag], ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    internal static CairnException ExperimentNotFound(long id) =>
        CairnException.NotFound("experiment", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal static string[] Stages(ViewType view) => view switch
    {
        ViewType.DeletedOnly => [LifecycleStage.Deleted],
        ViewType.All => [LifecycleStage.Active, LifecycleStage.Deleted],
        _ => [LifecycleStage.Active],
    };

    private static Task UpsertExperimentTagsAsync(DbConnection connection, DbTransaction tx, long projectId, long number, IReadOnlyList<KeyValue> tags, CancellationToken ct) =>
        tags.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO experiment_tags (project_id, experiment_number, key, value) VALUES (@projectId, @number, @Key, @Value)
                ON CONFLICT (project_id, experiment_number, key) DO UPDATE SET value = excluded.value
                """,
                tags.Select(t => new { projectId, number, t.Key, t.Value }), tx, cancellationToken: ct));

    private async Task<Dictionary<long, IReadOnlyList<KeyValue>>> ExperimentTagsAsync(DbConnection connection, long projectId, long[] numbers, CancellationToken ct)
    {
        if (numbers.Length == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(long Number, string Key, string Value)>(new CommandDefinition(
            $"SELECT experiment_number, key, value FROM experiment_tags WHERE project_id = @projectId AND {connections.InList("experiment_number", "@numbers")} ORDER BY key",
            new { projectId, numbers = connections.ListParameter(numbers) }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.GroupBy(r => r.Number).ToDictionary(g => g.Key, g => (IReadOnlyList<KeyValue>)g.Select(r => new KeyValue(r.Key, r.Value)).ToList());
    }

    private async Task<Experiment?> FindExperimentAsync(string where, long projectId, object value, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ExperimentRow>(new CommandDefinition(
            $"SELECT {TrackingSql.ExperimentColumns} FROM experiments WHERE project_id = @projectId AND {where}",
            new { projectId, value }, cancellationToken: ct)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var tags = await ExperimentTagsAsync(connection, projectId, [row.Number], ct).ConfigureAwait(false);
        return row.ToDomain(tags.TryGetValue(row.Number, out var t) ? t : []);
    }
}

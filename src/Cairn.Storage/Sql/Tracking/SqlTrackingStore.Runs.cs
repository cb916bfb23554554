using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Storage.Rows;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

public sealed partial class SqlTrackingStore
{
    /// <summary>The tag that mirrors a run's name.</summary>
    public const string RunNameTag = "mlflow.runName";

    public async Task<Run> CreateRunAsync(long projectId, RunInfo info, IReadOnlyList<KeyValue> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(tags);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var stage = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT lifecycle_stage FROM experiments WHERE project_id = @projectId AND number = @ExperimentId",
            new { projectId, info.ExperimentId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (stage is null)
        {
            throw ExperimentNotFound(info.ExperimentId);
        }

        if (stage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("experiment_id", $"experiment {info.ExperimentId} is deleted; restore it before creating runs in it");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO runs (id, project_id, experiment_number, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage)
            VALUES (@RunId, @projectId, @ExperimentId, @RunName, @UserId, @Status, @StartTime, @EndTime, @ArtifactUri, @LifecycleStage)
            """,
            new { info.RunId, projectId, info.ExperimentId, info.RunName, info.UserId, info.Status, info.StartTime, info.EndTime, info.ArtifactUri, info.LifecycleStage },
            tx, cancellationToken: ct)).ConfigureAwait(false);
        await UpsertTagsAsync(connection, tx, info.RunId, tags, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new Run(info, [], [], tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList());
    }

    public async Task<Run?> GetRunAsync(long projectId, string runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {TrackingSql.RunColumns} FROM runs r WHERE r.project_id = @projectId AND r.id = @runId",
            new { projectId, runId }, cancellationToken: ct)).ConfigureAwait(false);
        return row is null ? null : (await LoadRunsAsync(connection, [row], ct).ConfigureAwait(false))[0];
    }

    public async Task<RunInfo> UpdateRunAsync(long projectId, string runId, string? status, long? endTime, string? runName, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await RequireActiveRunAsync(connection, tx, projectId, runId, ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE runs SET status = COALESCE(@status, status), end_time = COALESCE(@endTime, end_time), name = COALESCE(@runName, name)
            WHERE project_id = @projectId AND id = @runId
            """,
            new { projectId, runId, status, endTime, runName }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (runName is not null)
        {
            await UpsertTagsAsync(connection, tx, runId, [new KeyValue(RunNameTag, runName)], ct).ConfigureAwait(false);
        }

        var row = await connection.QuerySingleAsync<RunRow>(new CommandDefinition(
            $"SELECT {TrackingSql.RunColumns} FROM runs r WHERE r.id = @runId", new { runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return row.ToDomain();
    }

    public async Task SetRunStageAsync(long projectId, string runId, string stage, long now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET lifecycle_stage = @stage, deleted_time = @deleted WHERE project_id = @projectId AND id = @runId",
            new { projectId, runId, stage, deleted = stage == LifecycleStage.Deleted ? now : (long?)null }, cancellationToken: ct)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw RunNotFound(runId);
        }
    }

    public async Task DeleteRunTagAsync(long projectId, string runId, string key, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await RequireActiveRunAsync(connection, tx, projectId, runId, ct).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM run_tags WHERE run_id = @runId AND key = @key", new { runId, key }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (removed == 0)
        {
            throw CairnException.NotFound("tag", key);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    internal static CairnException RunNotFound(string runId) => CairnException.NotFound("run", runId);

    /// <summary>MLflow refuses writes to a deleted run with INVALID_PARAMETER_VALUE; so do we.</summary>
    internal static async Task RequireActiveRunAsync(DbConnection connection, DbTransaction tx, long projectId, string runId, CancellationToken ct)
    {
        var stage = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT lifecycle_stage FROM runs WHERE project_id = @projectId AND id = @runId", new { projectId, runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (stage is null)
        {
            throw RunNotFound(runId);
        }

        if (stage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("run_id", $"The run {runId} must be in the 'active' state. Current state is {stage}.");
        }
    }

    private static Task UpsertTagsAsync(DbConnection connection, DbTransaction tx, string runId, IReadOnlyList<KeyValue> tags, CancellationToken ct) =>
        tags.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO run_tags (run_id, key, value) VALUES (@runId, @Key, @Value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
                tags.Select(t => new { runId, t.Key, t.Value }), tx, cancellationToken: ct));

    /// <summary>Loads params, tags and latest metrics for a page of runs in three queries.</summary>
    private async Task<List<Run>> LoadRunsAsync(DbConnection connection, IReadOnlyList<RunRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var parameters = await ValuesAsync(connection, $"SELECT run_id AS RunId, key AS Key, value AS Value FROM run_params WHERE {connections.InList("run_id", "@ids")}", ids, ct).ConfigureAwait(false);
        var tags = await ValuesAsync(connection, $"SELECT run_id AS RunId, key AS Key, value AS Value FROM run_tags WHERE {connections.InList("run_id", "@ids")}", ids, ct).ConfigureAwait(false);
        var metrics = await ValuesAsync(
            connection,
            $"SELECT run_id AS RunId, key AS Key, value AS Number, is_nan AS IsNan, step AS Step, timestamp AS Timestamp FROM latest_metrics WHERE {connections.InList("run_id", "@ids")}",
            ids,
            ct).ConfigureAwait(false);
        var inputs = await InputsAsync(connection, ids, ct).ConfigureAwait(false);
        return rows.Select(r => new Run(
            r.ToDomain(),
            Of(metrics, r.Id).Select(m => new MetricPoint(m.Key, TrackingSql.Decode(m.IsNan, m.Number), m.Timestamp, m.Step)).ToList(),
            Of(parameters, r.Id).Select(p => new KeyValue(p.Key, p.Value)).ToList(),
            Of(tags, r.Id).Select(t => new KeyValue(t.Key, t.Value)).ToList())
        {
            Inputs = inputs[r.Id].ToList(),
        }).ToList();
    }

    private static IEnumerable<RunValueRow> Of(ILookup<string, RunValueRow> values, string runId) => values[runId].OrderBy(v => v.Key, StringComparer.Ordinal);

    private async Task<ILookup<string, RunValueRow>> ValuesAsync(DbConnection connection, string sql, List<string> ids, CancellationToken ct)
    {
        var rows = new List<RunValueRow>();

        // Bounded IN lists: PostgreSQL and SQLite both cap the number of parameters per statement.
        foreach (var chunk in ids.Chunk(2000))
        {
            rows.AddRange(await connection.QueryAsync<RunValueRow>(new CommandDefinition(sql, new { ids = connections.ListParameter(chunk) }, cancellationToken: ct)).ConfigureAwait(false));
        }

        return rows.ToLookup(r => r.RunId, StringComparer.Ordinal);
    }
}

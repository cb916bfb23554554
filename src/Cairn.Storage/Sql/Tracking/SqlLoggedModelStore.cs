using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>Logged models over SQLite or PostgreSQL; every statement is bounded by the caller's project.</summary>
public sealed class SqlLoggedModelStore(ConnectionFactory connections) : ILoggedModelStore
{
    private const string Columns =
        """
        id AS ModelId, experiment_number AS ExperimentId, name AS Name, model_type AS ModelType, source_run_id AS SourceRunId, status AS Status,
        status_message AS StatusMessage, lifecycle_stage AS LifecycleStage, artifact_uri AS ArtifactUri, created_at AS CreationTime, updated_at AS LastUpdatedTime
        """;

    public async Task<LoggedModel> CreateAsync(long projectId, LoggedModel model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO logged_models (id, project_id, experiment_number, name, model_type, source_run_id, status, status_message, lifecycle_stage, artifact_uri, created_at, updated_at)
            VALUES (@ModelId, @projectId, @ExperimentId, @Name, @ModelType, @SourceRunId, @Status, @StatusMessage, @LifecycleStage, @ArtifactUri, @CreationTime, @LastUpdatedTime)
            """,
            new { projectId, model.ModelId, model.ExperimentId, model.Name, model.ModelType, model.SourceRunId, model.Status, model.StatusMessage, model.LifecycleStage, model.ArtifactUri, model.CreationTime, model.LastUpdatedTime },
            tx, cancellationToken: ct)).ConfigureAwait(false);
        await UpsertTagsAsync(connection, tx, model.ModelId, model.Tags, ct).ConfigureAwait(false);
        await InsertParamsAsync(connection, tx, model.ModelId, model.Params, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return model;
    }

    public async Task<LoggedModel?> GetAsync(long projectId, string modelId, bool includeDeleted, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var models = await LoadAsync(connection, null, "project_id = @projectId AND id = @modelId" + (includeDeleted ? string.Empty : " AND lifecycle_stage = 'active'"), new { projectId, modelId }, ct).ConfigureAwait(false);
        return models.SingleOrDefault();
    }

    public async Task<LoggedModel?> SetStatusAsync(long projectId, string modelId, string status, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE logged_models SET status = @status, updated_at = @now WHERE project_id = @projectId AND id = @modelId AND lifecycle_stage = 'active'",
            new { projectId, modelId, status, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (changed == 0)
        {
            return null;
        }

        var model = (await LoadAsync(write.Connection, write.Transaction, "id = @modelId", new { modelId }, ct).ConfigureAwait(false)).Single();
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return model;
    }

    public async Task<bool> DeleteAsync(long projectId, string modelId, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE logged_models SET lifecycle_stage = 'deleted', updated_at = @now WHERE project_id = @projectId AND id = @modelId AND lifecycle_stage = 'active'",
            new { projectId, modelId, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<bool> SetTagsAsync(long projectId, string modelId, IReadOnlyList<KeyValue> tags, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        if (!await TouchAsync(write.Connection, write.Transaction, projectId, modelId, now, ct).ConfigureAwait(false))
        {
            return false;
        }

        await UpsertTagsAsync(write.Connection, write.Transaction, modelId, tags, ct).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool?> DeleteTagAsync(long projectId, string modelId, string key, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        if (!await TouchAsync(write.Connection, write.Transaction, projectId, modelId, now, ct).ConfigureAwait(false))
        {
            return null;
        }

        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM logged_model_tags WHERE model_id = @modelId AND key = @key", new { modelId, key }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (deleted > 0)
        {
            await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        return deleted > 0;
    }

    public async Task<bool> LogParamsAsync(long projectId, string modelId, IReadOnlyList<KeyValue> parameters, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        if (!await TouchAsync(write.Connection, write.Transaction, projectId, modelId, now, ct).ConfigureAwait(false))
        {
            return false;
        }

        await InsertParamsAsync(write.Connection, write.Transaction, modelId, parameters, ct).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<LoggedModel>> ListAsync(long projectId, IReadOnlyList<long> experimentIds, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await LoadAsync(
            connection, null, $"project_id = @projectId AND lifecycle_stage = 'active' AND {connections.InList("experiment_number", "@experiments")}",
            new { projectId, experiments = connections.ListParameter(experimentIds) }, ct).ConfigureAwait(false);
    }

    public async Task LinkRunAsync(long projectId, string runId, IReadOnlyList<RunModel> models, bool outputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(models);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await SqlTrackingStore.RequireActiveRunAsync(connection, tx, projectId, runId, ct).ConfigureAwait(false);
        foreach (var model in models)
        {
            var known = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM logged_models WHERE project_id = @projectId AND id = @ModelId", new { projectId, model.ModelId }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (known == 0)
            {
                throw NotFound(model.ModelId);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO run_models (run_id, model_id, direction, step) VALUES (@runId, @ModelId, @direction, @Step)
                ON CONFLICT (run_id, model_id, direction) DO UPDATE SET step = excluded.step
                """,
                new { runId, model.ModelId, direction = outputs ? "output" : "input", model.Step }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<(IReadOnlyList<RunModel> Outputs, IReadOnlyList<RunModel> Inputs)> RunModelsAsync(long projectId, string runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(string ModelId, string Direction, long Step)>(new CommandDefinition(
            """
            SELECT l.model_id, l.direction, l.step FROM run_models l JOIN runs r ON r.id = l.run_id
            WHERE r.project_id = @projectId AND l.run_id = @runId ORDER BY l.model_id
            """,
            new { projectId, runId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        return (
            rows.Where(r => r.Direction == "output").Select(r => new RunModel(r.ModelId, r.Step)).ToList(),
            rows.Where(r => r.Direction == "input").Select(r => new RunModel(r.ModelId, 0)).ToList());
    }

    /// <summary>The error for a model that does not exist (or is another project's), in MLflow's words.</summary>
    public static CairnException NotFound(string modelId) => new(ErrorKind.NotFound, $"Logged model with ID '{modelId}' not found.");

    private static async Task<bool> TouchAsync(DbConnection connection, DbTransaction tx, long projectId, string modelId, long now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE logged_models SET updated_at = @now WHERE project_id = @projectId AND id = @modelId AND lifecycle_stage = 'active'",
            new { projectId, modelId, now }, tx, cancellationToken: ct)).ConfigureAwait(false) > 0;

    private static Task UpsertTagsAsync(DbConnection connection, DbTransaction tx, string modelId, IReadOnlyList<KeyValue> tags, CancellationToken ct) =>
        tags.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO logged_model_tags (model_id, key, value) VALUES (@modelId, @Key, @Value) ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value",
                tags.Select(t => new { modelId, t.Key, t.Value }), tx, cancellationToken: ct));

    private static async Task InsertParamsAsync(DbConnection connection, DbTransaction tx, string modelId, IReadOnlyList<KeyValue> parameters, CancellationToken ct)
    {
        foreach (var p in parameters)
        {
            var stored = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "INSERT INTO logged_model_params (model_id, key, value) VALUES (@modelId, @Key, @Value) ON CONFLICT (model_id, key) DO UPDATE SET value = logged_model_params.value RETURNING value",
                new { modelId, p.Key, p.Value }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (stored != p.Value)
            {
                throw CairnException.Invalid(
                    "params", $"Changing param values is not allowed. Param with key='{p.Key}' was already logged with value='{stored}' for logged model ID='{modelId}'. Attempted logging new value '{p.Value}'.");
            }
        }
    }

    private async Task<List<LoggedModel>> LoadAsync(DbConnection connection, DbTransaction? tx, string where, object args, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM logged_models WHERE {where} ORDER BY created_at DESC, id",
            args, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = connections.ListParameter(rows.Select(r => r.ModelId).ToList());
        var tags = (await connection.QueryAsync<(string ModelId, string Key, string Value)>(new CommandDefinition(
            $"SELECT model_id, key, value FROM logged_model_tags WHERE {connections.InList("model_id", "@ids")} ORDER BY key", new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(t => t.ModelId, t => new KeyValue(t.Key, t.Value));
        var parameters = (await connection.QueryAsync<(string ModelId, string Key, string Value)>(new CommandDefinition(
            $"SELECT model_id, key, value FROM logged_model_params WHERE {connections.InList("model_id", "@ids")} ORDER BY key", new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false))
            .ToLookup(t => t.ModelId, t => new KeyValue(t.Key, t.Value));
        return rows.Select(r => new LoggedModel(
            r.ModelId, r.ExperimentId, r.Name, r.ModelType, r.SourceRunId, r.Status, r.StatusMessage, r.LifecycleStage, r.ArtifactUri, r.CreationTime, r.LastUpdatedTime,
            tags[r.ModelId].ToList(), parameters[r.ModelId].ToList())).ToList();
    }

    private sealed class Row
    {
        public string ModelId { get; set; } = "";
        public long ExperimentId { get; set; }
        public string Name { get; set; } = "";
        public string? ModelType { get; set; }
        public string? SourceRunId { get; set; }
        public string Status { get; set; } = "";
        public string? StatusMessage { get; set; }
        public string LifecycleStage { get; set; } = "";
        public string ArtifactUri { get; set; } = "";
        public long CreationTime { get; set; }
        public long LastUpdatedTime { get; set; }
    }
}

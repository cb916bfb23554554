using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

public sealed partial class SqlTrackingStore
{
    public async Task LogBatchAsync(
        long projectId, string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<KeyValue> parameters, IReadOnlyList<KeyValue> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await RequireActiveRunAsync(connection, tx, projectId, runId, ct).ConfigureAwait(false);

        // Insert or read back in one statement, under the row lock: a concurrent batch with another
        // value for the same key either sees this one or waits for it, and then fails the check.
        foreach (var p in parameters)
        {
            var stored = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "INSERT INTO run_params (run_id, key, value) VALUES (@runId, @Key, @Value) ON CONFLICT (run_id, key) DO UPDATE SET value = run_params.value RETURNING value",
                new { runId, p.Key, p.Value }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (stored != p.Value)
            {
                throw CairnException.Invalid(
                    "params",
                    $"Changing param values is not allowed. Param with key='{p.Key}' was already logged with value='{stored}' for run ID='{runId}'. Attempted logging new value '{p.Value}'.");
            }
        }

        if (metrics.Count > 0)
        {
            await MetricBulkInsert.InsertAsync(connection, tx, connections.Provider, runId, metrics, ct).ConfigureAwait(false);

            // One candidate per key (the newest of the batch), kept only if newer than what is stored.
            var newest = metrics.GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.Aggregate((a, b) => b.IsNewerThan(a) ? b : a));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO latest_metrics (run_id, key, step, timestamp, is_nan, value) VALUES (@runId, @Key, @Step, @Timestamp, @IsNan, @Value)
                ON CONFLICT (run_id, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp, is_nan = excluded.is_nan, value = excluded.value
                WHERE (excluded.step, excluded.timestamp, excluded.value) > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)
                """,
                newest.Select(m => Row(runId, m)), tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        if (tags.Count > 0)
        {
            await UpsertTagsAsync(connection, tx, runId, tags, ct).ConfigureAwait(false);
            if (tags.LastOrDefault(t => t.Key == RunNameTag) is { } name)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE runs SET name = @Value WHERE id = @runId", new { runId, name.Value }, tx, cancellationToken: ct)).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<(IReadOnlyList<MetricPoint> Items, int? NextOffset)> GetMetricHistoryAsync(
        long projectId, string runId, string key, int maxResults, int offset, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM runs WHERE project_id = @projectId AND id = @runId", new { projectId, runId }, cancellationToken: ct)).ConfigureAwait(false) == 0)
        {
            throw RunNotFound(runId);
        }

        // A history can hold hundreds of thousands of points: read them without a mapper.
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step, timestamp, is_nan, value FROM metrics WHERE run_id = @runId AND key = @key ORDER BY timestamp, step, value, is_nan LIMIT @limit OFFSET @offset";
        AddParameter(command, "@runId", runId);
        AddParameter(command, "@key", key);
        AddParameter(command, "@limit", (long)maxResults + 1);
        AddParameter(command, "@offset", (long)offset);
        var items = new List<MetricPoint>(Math.Min(maxResults, 1 << 16));
        var more = false;
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (items.Count == maxResults)
                {
                    more = true;
                    break;
                }

                items.Add(new MetricPoint(key, TrackingSql.Decode(reader.GetInt64(2), reader.GetDouble(3)), reader.GetInt64(1), reader.GetInt64(0)));
            }
        }

        return (items, more ? offset + maxResults : null);
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static object Row(string runId, MetricPoint m)
    {
        var (isNan, value) = TrackingSql.Encode(m.Value);
        return new { runId, m.Key, m.Step, m.Timestamp, IsNan = isNan, Value = value };
    }
}

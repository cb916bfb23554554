using System.Data.Common;
using System.Globalization;
using System.Text;
using Cairn.Core.Tracking;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>
/// Inserts a batch of metric points the fast way for each provider: on SQLite one prepared
/// single-row statement executed per point with its parameters reused (in-process, so a call costs
/// microseconds); on PostgreSQL multi-row <c>INSERT … VALUES</c> statements of up to
/// <see cref="RowsPerStatement"/> rows, so a 1,000-point batch is five round trips.
/// </summary>
internal static class MetricBulkInsert
{
    public const int RowsPerStatement = 200;

    public static Task InsertAsync(DbConnection connection, DbTransaction tx, SqlProvider provider, string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken ct) =>
        provider == SqlProvider.Sqlite ? PreparedAsync(connection, tx, runId, metrics, ct) : MultiRowAsync(connection, tx, runId, metrics, ct);

    private static async Task PreparedAsync(DbConnection connection, DbTransaction tx, string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO metrics (run_id, key, step, timestamp, is_nan, value) VALUES (@r, @k, @s, @t, @n, @v) ON CONFLICT DO NOTHING";
        Add(command, "@r", runId);
        var key = Add(command, "@k", string.Empty);
        var step = Add(command, "@s", 0L);
        var timestamp = Add(command, "@t", 0L);
        var nan = Add(command, "@n", 0L);
        var value = Add(command, "@v", 0.0);
        await command.PrepareAsync(ct).ConfigureAwait(false);
        foreach (var m in metrics)
        {
            var (isNan, v) = TrackingSql.Encode(m.Value);
            key.Value = m.Key;
            step.Value = m.Step;
            timestamp.Value = m.Timestamp;
            nan.Value = isNan;
            value.Value = v;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task MultiRowAsync(DbConnection connection, DbTransaction tx, string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken ct)
    {
        foreach (var chunk in metrics.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            Add(command, "@r", runId);
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            var sql = new StringBuilder("INSERT INTO metrics (run_id, key, step, timestamp, is_nan, value) VALUES ", 64 + (chunk.Length * 40));
            for (var i = 0; i < chunk.Length; i++)
            {
                var m = chunk[i];
                if (!keys.TryGetValue(m.Key, out var keyParam))
                {
                    keyParam = "@k" + keys.Count.ToString(CultureInfo.InvariantCulture);
                    keys[m.Key] = keyParam;
                    Add(command, keyParam, m.Key);
                }

                var n = i.ToString(CultureInfo.InvariantCulture);
                var (isNan, value) = TrackingSql.Encode(m.Value);
                Add(command, "@s" + n, m.Step);
                Add(command, "@t" + n, m.Timestamp);
                Add(command, "@n" + n, isNan);
                Add(command, "@v" + n, value);
                sql.Append(i == 0 ? "(" : ",(").Append("@r,").Append(keyParam).Append(",@s").Append(n).Append(",@t").Append(n).Append(",@n").Append(n).Append(",@v").Append(n).Append(')');
            }

            sql.Append(" ON CONFLICT DO NOTHING");
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

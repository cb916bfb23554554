using Cairn.Core.Tracking;
using Cairn.Storage.Rows;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

public sealed partial class SqlTrackingStore
{
    public async Task<(IReadOnlyList<Run> Items, int? NextOffset)> SearchRunsAsync(RunQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ExperimentIds.Count == 0)
        {
            return ([], null);
        }

        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        List<RunRow>? rows = null;
        if (RunSearchSql.CanTryMetricRowsFirst(query))
        {
            // Runs with a real value of the leading metric come first; if they alone fill the page
            // (one extra row proves there is more), the index-driven query answers it.
            var (drivenSql, drivenArgs) = RunSearchSql.Build(query, connections.Provider, metricRowsOnly: true);
            var driven = (await connection.QueryAsync<RunRow>(new CommandDefinition(drivenSql, drivenArgs, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            rows = driven.Count > query.MaxResults ? driven : null;
        }

        if (rows is null)
        {
            var (sql, args) = RunSearchSql.Build(query, connections.Provider);
            rows = (await connection.QueryAsync<RunRow>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        }

        var page = rows.Take(query.MaxResults).ToList();
        var runs = await LoadRunsAsync(connection, page, ct).ConfigureAwait(false);
        return (runs, rows.Count > query.MaxResults ? query.Offset + query.MaxResults : null);
    }
}

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

        var (sql, args) = RunSearchSql.Build(query, connections.Provider);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<RunRow>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        var page = rows.Take(query.MaxResults).ToList();
        var runs = await LoadRunsAsync(connection, page, ct).ConfigureAwait(false);
        return (runs, rows.Count > query.MaxResults ? query.Offset + query.MaxResults : null);
    }
}

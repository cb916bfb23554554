using System.Globalization;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>Experiment search as SQL: attributes compare columns, tags probe experiment_tags; LIKE is case-sensitive on both providers as for runs.</summary>
internal static class ExperimentSearchSql
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["name"] = "e.name", ["creation_time"] = "e.creation_time", ["last_update_time"] = "e.last_update_time", ["experiment_id"] = "e.number",
    };

    public static (string Sql, DynamicParameters Args) Build(
        long projectId, string[] stages, IReadOnlyList<SearchClause> filter, IReadOnlyList<SearchOrder> orderBy, int limit, int offset, SqlProvider provider)
    {
        var args = new DynamicParameters();
        var next = 0;
        string Arg(object value)
        {
            var name = "x" + (next++).ToString(CultureInfo.InvariantCulture);
            args.Add(name, value);
            return "@" + name;
        }

        string Text(string column, SearchClause c) => c.Comparator switch
        {
            "LIKE" when provider == SqlProvider.Sqlite => $"{column} GLOB {Arg(RunSearchSql.LikeToGlob(c.Text!))}",
            "ILIKE" when provider == SqlProvider.Sqlite => $"LOWER({column}) LIKE LOWER({Arg(c.Text!)}) ESCAPE '\\'",
            _ => $"{column} {c.Comparator} {Arg(c.Text!)}",
        };

        var where = new List<string>
        {
            $"e.project_id = {Arg(projectId)}",
            $"e.lifecycle_stage IN ({string.Join(", ", stages.Select(s => Arg(s)))})",
        };
        foreach (var c in filter)
        {
            where.Add(c.Entity == SearchEntity.Tag
                ? $"EXISTS (SELECT 1 FROM experiment_tags t WHERE t.project_id = e.project_id AND t.experiment_number = e.number AND t.key = {Arg(c.Key)} AND {Text("t.value", c)})"
                : c.Number is { } n ? $"{Columns[c.Key]} {c.Comparator} {Arg((long)n)}" : Text(Columns[c.Key], c));
        }

        var order = orderBy.Select(o => $"{Columns[o.Key]} {(o.Ascending ? "ASC" : "DESC")}").ToList();
        if (order.Count == 0)
        {
            order.Add("e.creation_time DESC");
            order.Add("e.number ASC");
        }
        else if (!orderBy.Any(o => o.Key == "experiment_id"))
        {
            order.Add("e.number DESC");
        }

        return ($"""
            SELECT {TrackingSql.ExperimentColumns} FROM experiments e
            WHERE {string.Join(" AND ", where)}
            ORDER BY {string.Join(", ", order)}
            LIMIT {Arg(limit)} OFFSET {Arg(offset)}
            """, args);
    }
}

using System.Globalization;
using System.Text;
using Cairn.Core.Tracking;
using Dapper;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>
/// Translates a parsed run query into one parameterised SQL statement. Clauses become EXISTS
/// probes on the indexed (key, value) tables; order terms become LEFT JOINs. LIKE is
/// case-sensitive on both providers (SQLite's LIKE is not, so it becomes GLOB there), ILIKE is
/// not, and a backslash escapes % and _ in both; runs missing an ordered value sort last in either direction; ties break by
/// start_time DESC, then run id.
/// </summary>
internal sealed class RunSearchSql
{
    private static readonly Dictionary<string, string> AttributeColumns = new(StringComparer.Ordinal)
    {
        ["run_id"] = "r.id", ["run_name"] = "r.name", ["status"] = "r.status", ["user_id"] = "r.user_id",
        ["artifact_uri"] = "r.artifact_uri", ["start_time"] = "r.start_time", ["end_time"] = "r.end_time",
    };

    private readonly SqlProvider _provider;
    private readonly DynamicParameters _args = new();
    private int _next;
    private string? _driving;

    private RunSearchSql(SqlProvider provider) => _provider = provider;

    /// <summary>
    /// The query. With <paramref name="metricRowsOnly"/>, a leading metric order term drives from the
    /// metric index even without a filter on it, returning only runs that have a real value: those
    /// come first in the full order, so a full page from them is the full query's page.
    /// </summary>
    public static (string Sql, DynamicParameters Args) Build(RunQuery query, SqlProvider provider, bool metricRowsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new RunSearchSql(provider);
        return (builder.Compose(query, metricRowsOnly), builder._args);
    }

    /// <summary>Whether <see cref="Build"/> with metricRowsOnly can serve this query: ordered first by a metric the filter does not constrain.</summary>
    public static bool CanTryMetricRowsFirst(RunQuery query) =>
        query is { OrderBy: [{ Entity: SearchEntity.Metric } lead, ..] }
        && !query.Filter.Any(c => c.Entity == SearchEntity.Metric && c.Key == lead.Key);

    private string Compose(RunQuery query, bool metricRowsOnly)
    {
        var joins = new StringBuilder();
        var order = new List<string>();
        var from = "runs r";
        var filter = query.Filter;
        var terms = query.OrderBy;

        // The target shape "filter on metric M, order by metric M": the filter already excludes runs
        // without M, so start from the (key, is_nan, value) index in value order and stop at the page
        // limit instead of probing and sorting every run of the experiment.
        if (terms.FirstOrDefault() is { Entity: SearchEntity.Metric } lead
            && (filter.FirstOrDefault(c => c.Entity == SearchEntity.Metric && c.Key == lead.Key) is { } driving || metricRowsOnly))
        {
            // CROSS JOIN is SQLite's documented way to keep the metric index as the outer loop (its
            // planner otherwise starts from runs when no value range is given); PostgreSQL plans it as
            // an ordinary join.
            from = "latest_metrics d CROSS JOIN runs r";
            order.Add($"d.value {(lead.Ascending ? "ASC" : "DESC")}");
            terms = terms.Skip(1).ToList();
            var d = filter.FirstOrDefault(c => c.Entity == SearchEntity.Metric && c.Key == lead.Key);
            filter = filter.Where(c => !ReferenceEquals(c, d)).ToList();
            _driving = d is null
                ? $"d.key = {Arg(lead.Key)} AND d.is_nan = 0 AND r.id = d.run_id"
                : $"d.key = {Arg(d.Key)} AND d.is_nan = 0 AND d.value {d.Comparator} {Arg(d.Number!.Value)} AND r.id = d.run_id";
        }

        foreach (var term in terms)
        {
            var (join, expression, rank) = OrderExpression(term);
            joins.Append(join);
            order.Add(rank);
            order.Add($"{expression} {(term.Ascending ? "ASC" : "DESC")}");
        }

        order.Add("r.start_time DESC");
        order.Add("r.id ASC");
        var where = new List<string>
        {
            $"r.project_id = {Arg(query.ProjectId)}",
            $"r.experiment_number IN ({string.Join(", ", query.ExperimentIds.Select(e => Arg(e)))})",
            $"r.lifecycle_stage IN ({string.Join(", ", SqlTrackingStore.Stages(query.View).Select(s => Arg(s)))})",
        };
        if (_driving is not null)
        {
            where.Insert(0, _driving);
        }

        where.AddRange(filter.Select(Condition));
        return $"""
            SELECT {TrackingSql.RunColumns} FROM {from}{joins}
            WHERE {string.Join(" AND ", where)}
            ORDER BY {string.Join(", ", order)}
            LIMIT {Arg(query.MaxResults + 1)} OFFSET {Arg(query.Offset)}
            """;
    }

    /// <summary>The join, the sort expression, and a rank that puts real values first, then NaN, then missing (MLflow's order).</summary>
    private (string Join, string Expression, string Rank) OrderExpression(SearchOrder term)
    {
        var alias = "o" + _next.ToString(CultureInfo.InvariantCulture);
        return term.Entity switch
        {
            SearchEntity.Metric => (
                $" LEFT JOIN latest_metrics {alias} ON {alias}.run_id = r.id AND {alias}.key = {Arg(term.Key)}",
                $"{alias}.value",
                $"CASE WHEN {alias}.run_id IS NULL THEN 2 WHEN {alias}.is_nan = 1 THEN 1 ELSE 0 END"),
            SearchEntity.Param => ($" LEFT JOIN run_params {alias} ON {alias}.run_id = r.id AND {alias}.key = {Arg(term.Key)}", $"{alias}.value", $"{alias}.value IS NULL"),
            SearchEntity.Tag => ($" LEFT JOIN run_tags {alias} ON {alias}.run_id = r.id AND {alias}.key = {Arg(term.Key)}", $"{alias}.value", $"{alias}.value IS NULL"),
            _ => (string.Empty, AttributeColumns[term.Key], $"{AttributeColumns[term.Key]} IS NULL"),
        };
    }

    private string Condition(SearchClause c) => c.Entity switch
    {
        SearchEntity.Metric =>
            $"EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.id AND m.key = {Arg(c.Key)} AND m.is_nan = 0 AND m.value {c.Comparator} {Arg(c.Number!.Value)})",
        SearchEntity.Param => $"EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.key = {Arg(c.Key)} AND {Text("p.value", c)})",
        SearchEntity.Tag => $"EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.key = {Arg(c.Key)} AND {Text("t.value", c)})",
        SearchEntity.Attribute when c.Number is { } n => $"{AttributeColumns[c.Key]} {c.Comparator} {Arg((long)n)}",
        SearchEntity.Attribute => Text(AttributeColumns[c.Key], c),
        SearchEntity.Dataset when c.Key == "context" =>
            $"EXISTS (SELECT 1 FROM run_input_tags it WHERE it.run_id = r.id AND it.key = 'mlflow.data.context' AND {Text("it.value", c)})",
        SearchEntity.Dataset =>
            $"EXISTS (SELECT 1 FROM run_inputs ri JOIN datasets ds ON ds.id = ri.dataset_id WHERE ri.run_id = r.id AND {Text("ds." + c.Key, c)})",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c.Entity, "unknown search entity"),
    };

    private string Text(string column, SearchClause c) => c.Comparator switch
    {
        "IN" => $"{column} IN ({string.Join(", ", c.List!.Select(v => Arg(v)))})",
        "NOT IN" => $"{column} NOT IN ({string.Join(", ", c.List!.Select(v => Arg(v)))})",
        "LIKE" when _provider == SqlProvider.Sqlite => $"{column} GLOB {Arg(LikeToGlob(c.Text!))}",
        "ILIKE" when _provider == SqlProvider.Sqlite => $"LOWER({column}) LIKE LOWER({Arg(c.Text!)}) ESCAPE '\\'",
        _ => $"{column} {c.Comparator} {Arg(c.Text!)}",
    };

    /// <summary>
    /// SQL LIKE (% and _, backslash escaping the next character, as PostgreSQL reads it) as a GLOB
    /// pattern, with GLOB's own metacharacters made literal.
    /// </summary>
    internal static string LikeToGlob(string like)
    {
        var sb = new StringBuilder(like.Length + 8);
        for (var i = 0; i < like.Length; i++)
        {
            var ch = like[i];
            if (ch == '\\' && i + 1 < like.Length)
            {
                var literal = like[++i];
                sb.Append(literal is '*' or '?' or '[' ? $"[{literal}]" : literal.ToString());
                continue;
            }

            _ = ch switch
            {
                '%' => sb.Append('*'),
                '_' => sb.Append('?'),
                '*' => sb.Append("[*]"),
                '?' => sb.Append("[?]"),
                '[' => sb.Append("[[]"),
                _ => sb.Append(ch),
            };
        }

        return sb.ToString();
    }

    private string Arg(object value)
    {
        var name = "a" + (_next++).ToString(CultureInfo.InvariantCulture);
        _args.Add(name, value);
        return "@" + name;
    }
}

using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>The run attributes a filter or order may name, with MLflow's prefixes and aliases.</summary>
public static class SearchAttributes
{
    /// <summary>String attributes: = != LIKE ILIKE IN NOT IN.</summary>
    public static readonly IReadOnlyList<string> Strings = ["run_id", "run_name", "status", "user_id", "artifact_uri"];

    /// <summary>Numeric attributes (ms since the epoch): = != &gt; &gt;= &lt; &lt;=.</summary>
    public static readonly IReadOnlyList<string> Numbers = ["start_time", "end_time"];

    /// <summary>Dataset fields of <c>datasets.*</c>.</summary>
    public static readonly IReadOnlyList<string> DatasetFields = ["name", "digest", "context"];

    private static readonly Dictionary<string, SearchEntity> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["metric"] = SearchEntity.Metric, ["metrics"] = SearchEntity.Metric,
        ["param"] = SearchEntity.Param, ["params"] = SearchEntity.Param, ["parameter"] = SearchEntity.Param, ["parameters"] = SearchEntity.Param,
        ["tag"] = SearchEntity.Tag, ["tags"] = SearchEntity.Tag,
        ["attribute"] = SearchEntity.Attribute, ["attributes"] = SearchEntity.Attribute, ["attr"] = SearchEntity.Attribute, ["run"] = SearchEntity.Attribute,
        ["dataset"] = SearchEntity.Dataset, ["datasets"] = SearchEntity.Dataset,
    };

    /// <summary>The entity a prefix names, or null.</summary>
    public static SearchEntity? EntityOf(string prefix) => Prefixes.TryGetValue(prefix, out var e) ? e : null;

    /// <summary>The canonical attribute name (<c>created</c> and <c>Created</c> mean start_time), or null when unknown.</summary>
    public static string? Canonical(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower == "created")
        {
            return "start_time";
        }

        if (lower == "run_uuid")
        {
            return "run_id";
        }

        return Strings.Contains(lower) || Numbers.Contains(lower) ? lower : null;
    }
}

using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Core.Tracking;

namespace Cairn.Tracking;

/// <summary>Key, value and batch checks with MLflow's rules and wording.</summary>
public static partial class TrackingValidation
{
    /// <summary>Metric, param and tag keys: MLflow's characters, and no key that resolves to another when treated as a path.</summary>
    public static void Key(string? key, string field, string what)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw Missing(field);
        }

        if (key.Length > TrackingLimits.MaxKeyLength)
        {
            throw CairnException.Invalid(field, $"'{what}' exceeds the maximum length of {TrackingLimits.MaxKeyLength} characters");
        }

        if (!KeyCharacters().IsMatch(key))
        {
            throw CairnException.Invalid(field, $"Invalid value \"{key}\" for parameter '{field}' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).");
        }

        var normalized = NormalizePosix(key);
        if (normalized != key || normalized == "." || key.StartsWith("..", StringComparison.Ordinal) || key.StartsWith('/'))
        {
            throw CairnException.Invalid(field, $"Invalid value \"{key}\" for parameter '{field}' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '{normalized}'");
        }
    }

    /// <summary>A value no longer than <paramref name="max"/> characters (Cairn refuses rather than truncates) and free of NUL.</summary>
    public static string Value(string? value, string field, string what, int max)
    {
        var text = value ?? string.Empty;
        if (text.Length > max)
        {
            throw CairnException.Invalid(field, $"'{what}' exceeds the maximum length of {max} characters");
        }

        return text.Contains('\0', StringComparison.Ordinal) ? throw CairnException.Invalid(field, $"'{what}' must not contain NUL characters") : text;
    }

    public static void Metric(MetricPoint metric, string prefix)
    {
        ArgumentNullException.ThrowIfNull(metric);
        Key(metric.Key, prefix + "name", "Metric name");
        if (metric.Timestamp < 0)
        {
            throw CairnException.Invalid(prefix + "timestamp", $"Invalid value {metric.Timestamp} for parameter 'timestamp' supplied: metric '{metric.Key}' (value={metric.Value}). Timestamp must be a nonnegative long (64-bit integer)");
        }
    }

    /// <summary>MLflow's batch limits, and no param key twice in one request.</summary>
    public static void Batch(IReadOnlyList<MetricPoint> metrics, IReadOnlyList<KeyValue> parameters, IReadOnlyList<KeyValue> tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);
        Limit(metrics.Count, TrackingLimits.MaxBatchMetrics, "metrics");
        Limit(parameters.Count, TrackingLimits.MaxBatchParams, "params");
        Limit(tags.Count, TrackingLimits.MaxBatchTags, "tags");
        Limit(metrics.Count + parameters.Count + tags.Count, TrackingLimits.MaxBatchEntities, "metrics, params, and tags");
        var duplicates = parameters.GroupBy(p => p.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0)
        {
            throw CairnException.Invalid("params", $"Duplicate parameter keys have been submitted: [{string.Join(", ", duplicates)}]. Please ensure the request contains only one param value per param key.");
        }
    }

    /// <summary>Tags of a request (runs' rules: key characters, value ≤ 8,000); a key given twice keeps its last value.</summary>
    public static List<KeyValue> Tags(IReadOnlyList<KeyValue>? tags) =>
        (tags ?? []).Select((t, i) =>
        {
            Key(t?.Key, $"tags[{i}].key", "Tag name");
            return new KeyValue(t!.Key, Value(t.Value, $"tags[{i}].value", "Tag value", TrackingLimits.MaxTagValueLength));
        }).GroupBy(t => t.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    /// <summary>A required name or key from a request, free of NUL (PostgreSQL refuses it, so it must be a 400 here).</summary>
    public static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw Missing(field)
        : value.Contains('\0', StringComparison.Ordinal) ? throw CairnException.Invalid(field, $"'{field}' must not contain NUL characters")
        : value;

    /// <summary>MLflow's wording for a missing required field.</summary>
    public static CairnException Missing(string field) =>
        CairnException.Invalid(field, $"Missing value for required parameter '{field}'. See the API docs for more information about request parameters.");

    private static void Limit(int count, int max, string what)
    {
        if (count > max)
        {
            throw CairnException.Invalid(what.Split(',')[0], $"A batch logging request can contain at most {max} {what}. Got {count} {what}. Please split up {what} across multiple requests and try again.");
        }
    }

    private static string NormalizePosix(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        var joined = string.Join('/', parts);
        return path.StartsWith('/') ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    [GeneratedRegex(@"^[/\w.\- :]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex KeyCharacters();
}

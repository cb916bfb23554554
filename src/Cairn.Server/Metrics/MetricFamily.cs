using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Cairn.Server.Metrics;

/// <summary>An instrument and its series, named for Prometheus (<c>http.server.request.duration</c>, unit s → <c>http_server_request_duration_seconds</c>).</summary>
internal sealed class MetricFamily
{
    /// <summary>Buckets for durations in seconds: fine below a millisecond, where Cairn's requests live.</summary>
    public static readonly double[] SecondsBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] DefaultBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, (KeyValuePair<string, object?>[] Tags, MetricSeries Series)[]> _seen = new();

    public MetricFamily(Instrument instrument)
    {
        Kind = instrument switch
        {
            Counter<long> or Counter<double> or Counter<int> or ObservableCounter<long> or ObservableCounter<double> or ObservableCounter<int> => "counter",
            Histogram<double> or Histogram<long> or Histogram<int> => "histogram",
            _ => "gauge",
        };
        IsObservable = instrument.IsObservable;
        Name = PrometheusName(instrument.Name, instrument.Unit, Kind);
        Help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        if (Kind == "histogram")
        {
            Bounds = AdvisedBounds(instrument) ?? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets);
        }
    }

    public string Name { get; }

    public string Help { get; }

    public string Kind { get; }

    public bool IsObservable { get; }

    public double[]? Bounds { get; }

    public IEnumerable<MetricSeries> Series => _series.Values;

    /// <summary>
    /// The series for a measurement's tags. Measurements arrive on every request, so the series is found by
    /// a hash of the tags compared value by value; the label text is formatted only for tags not seen before.
    /// </summary>
    public MetricSeries SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value);
        }

        var key = hash.ToHashCode();
        if (_seen.TryGetValue(key, out var known))
        {
            foreach (var (seenTags, seenSeries) in known)
            {
                if (Same(seenTags, tags))
                {
                    return seenSeries;
                }
            }
        }

        var labels = FormatLabels(tags);
        var series = _series.TryGetValue(labels, out var s) ? s : _series.GetOrAdd(labels, l => new MetricSeries(l, Bounds));
        var entry = (tags.ToArray(), series);
        _seen.AddOrUpdate(key, _ => [entry], (_, list) => [.. list, entry]);
        return series;
    }

    private static bool Same(KeyValuePair<string, object?>[] seen, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (seen.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < seen.Length; i++)
        {
            if (!string.Equals(seen[i].Key, tags[i].Key, StringComparison.Ordinal) || !Equals(seen[i].Value, tags[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Converts an OpenTelemetry-style name and unit to a Prometheus metric name.</summary>
    public static string PrometheusName(string name, string? unit, string kind)
    {
        var sb = new StringBuilder(name.Length + 16);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        var result = sb.ToString();
        if (suffix.Length > 0 && !result.EndsWith(suffix, StringComparison.Ordinal))
        {
            result += suffix;
        }

        return kind == "counter" && !result.EndsWith("_total", StringComparison.Ordinal) ? result + "_total" : result;
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } b } when instrument.Unit != "s" => [.. b],
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } b } => b.Select(x => (double)x).ToArray(),
        Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } b } => b.Select(x => (double)x).ToArray(),
        _ => null,
    };

    private static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((LabelName(tag.Key), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(key).Append("=\"");
            foreach (var c in value)
            {
                _ = c switch
                {
                    '\\' => sb.Append("\\\\"),
                    '"' => sb.Append("\\\""),
                    '\n' => sb.Append("\\n"),
                    _ => sb.Append(c),
                };
            }

            sb.Append('"');
        }

        return sb.ToString();
    }

    private static string LabelName(string key)
    {
        var chars = key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        return char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }
}

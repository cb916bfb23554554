using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cairn.Server.Metrics;

/// <summary>
/// Listens to ASP.NET Core's hosting and Kestrel meters, the runtime's <c>System.Runtime</c> meter
/// and every <c>Cairn*</c> meter, and keeps running aggregates for <c>/metrics</c>. (The Prometheus
/// exporter packages are not available here; the exposition format is small enough to write.)
/// A listener sees every meter in the process, so only meters made by this host's
/// <see cref="IMeterFactory"/> count (plus the process-wide runtime meter): two hosts in one
/// process never report each other's requests.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();

    public PrometheusCollector(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            var ours = meter.Name == "System.Runtime" || ReferenceEquals(meter.Scope, meters);
            if (ours && (Meters.Contains(meter.Name) || meter.Name.StartsWith("Cairn", StringComparison.Ordinal)))
            {
                _families.TryAdd(instrument, new MetricFamily(instrument));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
    }

    /// <summary>The families in a stable order, after asking observable instruments for their current values.</summary>
    internal IReadOnlyList<MetricFamily> Collect()
    {
        _listener.RecordObservableInstruments();
        return _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_families.TryGetValue(instrument, out var family))
        {
            return;
        }

        var series = family.SeriesFor(tags);
        if (family.IsObservable)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }
}

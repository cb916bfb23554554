namespace Cairn.Server.Metrics;

/// <summary>One labelled time series of an instrument: a running sum, or histogram buckets.</summary>
internal sealed class MetricSeries(string labels, double[]? bounds)
{
    private readonly Lock _gate = new();
    private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Length + 1];
    private double _sum;
    private long _count;

    public string Labels { get; } = labels;

    public double[]? Bounds { get; } = bounds;

    public void Add(double value)
    {
        lock (_gate)
        {
            _sum += value;
            _count++;
            if (_buckets is not null)
            {
                var i = Array.BinarySearch(Bounds!, value);
                _buckets[i < 0 ? ~i : i]++;
            }
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _sum = value;
        }
    }

    public (double Sum, long Count, long[] Buckets) Snapshot()
    {
        lock (_gate)
        {
            return (_sum, _count, _buckets is null ? [] : (long[])_buckets.Clone());
        }
    }
}

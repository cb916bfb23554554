namespace Cairn.Serving;

/// <summary>
/// The latencies of a deployment's most recent requests (a ring of the last 1,024), for the deployments page
/// and <c>GET /api/v1/deployments</c>: exact percentiles of the window, plus counts since load.
/// </summary>
public sealed class LatencyWindow
{
    private const int Size = 1024;
    private readonly double[] _ring = new double[Size];
    private readonly Lock _lock = new();
    private long _count;
    private long _errors;

    /// <summary>Requests answered since the deployment was loaded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Requests answered with an error since the deployment was loaded.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    public void Add(double seconds, bool ok)
    {
        lock (_lock)
        {
            _ring[_count % Size] = seconds;
            _count++;
            if (!ok)
            {
                _errors++;
            }
        }
    }

    /// <summary>The p-th percentile (0–100, nearest rank) of the window in seconds, or null before the first request.</summary>
    public double? Percentile(double p)
    {
        double[] copy;
        lock (_lock)
        {
            var n = (int)Math.Min(_count, Size);
            if (n == 0)
            {
                return null;
            }

            copy = _ring[..n];
        }

        Array.Sort(copy);
        var rank = (int)Math.Ceiling(p / 100 * copy.Length);
        return copy[Math.Clamp(rank - 1, 0, copy.Length - 1)];
    }
}

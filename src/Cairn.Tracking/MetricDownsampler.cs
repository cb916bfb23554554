using Cairn.Core.Tracking;

namespace Cairn.Tracking;

/// <summary>
/// Thins a long metric series for charts while keeping what a reader looks for: the series is cut
/// into buckets of consecutive points and each bucket keeps its minimum and maximum (in their
/// original order), so spikes and dips survive; the first and last points always stay.
/// </summary>
public static class MetricDownsampler
{
    public static IReadOnlyList<MetricPoint> MinMax(IReadOnlyList<MetricPoint> points, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (maxPoints < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPoints), "at least 4 points are needed to keep the ends and one bucket's extremes");
        }

        if (points.Count <= maxPoints)
        {
            return points;
        }

        var result = new List<MetricPoint>(maxPoints) { points[0] };
        var buckets = (maxPoints - 2) / 2;
        var inner = points.Count - 2;
        for (var b = 0; b < buckets; b++)
        {
            var start = 1 + (int)((long)b * inner / buckets);
            var end = 1 + (int)((long)(b + 1) * inner / buckets);
            int min = start, max = start;
            for (var i = start; i < end; i++)
            {
                if (Less(points[i].Value, points[min].Value))
                {
                    min = i;
                }

                if (Less(points[max].Value, points[i].Value))
                {
                    max = i;
                }
            }

            result.Add(points[Math.Min(min, max)]);
            if (min != max)
            {
                result.Add(points[Math.Max(min, max)]);
            }
        }

        result.Add(points[^1]);
        return result;
    }

    // NaN points are neither minimum nor maximum unless the whole bucket is NaN.
    private static bool Less(double a, double b) => !double.IsNaN(a) && (double.IsNaN(b) || a < b);
}

namespace Cairn.Core.Tracking;

/// <summary>One logged metric value. NaN and ±Infinity are valid values.</summary>
/// <param name="Key">Metric name.</param>
/// <param name="Value">The value.</param>
/// <param name="Timestamp">ms since the epoch.</param>
/// <param name="Step">Training step (0 when not given).</param>
public sealed record MetricPoint(string Key, double Value, long Timestamp, long Step)
{
    /// <summary>
    /// MLflow's rule for a run's current value of a metric: the greatest by (step, timestamp, value),
    /// NaN counting as 0.0 (MLflow stores it so); on a full tie the value already held stays.
    /// </summary>
    public bool IsNewerThan(MetricPoint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Step != other.Step)
        {
            return Step > other.Step;
        }

        if (Timestamp != other.Timestamp)
        {
            return Timestamp > other.Timestamp;
        }

        return Comparable(Value) > Comparable(other.Value);
    }

    private static double Comparable(double value) => double.IsNaN(value) ? 0.0 : value;
}

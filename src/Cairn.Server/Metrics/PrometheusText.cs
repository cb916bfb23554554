using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cairn.Server.Metrics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly DateTimeOffset Started = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>Renders every family plus the standard process metrics.</summary>
    public static string Render(PrometheusCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        var sb = new StringBuilder(16 * 1024);
        foreach (var family in collector.Collect())
        {
            var series = family.Series.ToList();
            if (series.Count == 0)
            {
                continue;
            }

            sb.Append("# HELP ").Append(family.Name).Append(' ').Append(Escape(family.Help)).Append('\n');
            sb.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Kind).Append('\n');
            foreach (var s in series.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                WriteSeries(sb, family, s);
            }
        }

        WriteProcess(sb);
        return sb.ToString();
    }

    private static void WriteSeries(StringBuilder sb, MetricFamily family, MetricSeries s)
    {
        var (sum, count, buckets) = s.Snapshot();
        if (family.Kind != "histogram")
        {
            Sample(sb, family.Name, s.Labels, sum);
            return;
        }

        long cumulative = 0;
        for (var i = 0; i < family.Bounds!.Length; i++)
        {
            cumulative += buckets[i];
            Sample(sb, family.Name + "_bucket", Join(s.Labels, $"le=\"{Number(family.Bounds[i])}\""), cumulative);
        }

        Sample(sb, family.Name + "_bucket", Join(s.Labels, "le=\"+Inf\""), count);
        Sample(sb, family.Name + "_sum", s.Labels, sum);
        Sample(sb, family.Name + "_count", s.Labels, count);
    }

    private static void WriteProcess(StringBuilder sb)
    {
        using var process = Process.GetCurrentProcess();
        Gauge(sb, "process_resident_memory_bytes", "Resident memory size in bytes.", "gauge", process.WorkingSet64);
        Gauge(sb, "process_virtual_memory_bytes", "Virtual memory size in bytes.", "gauge", process.VirtualMemorySize64);
        Gauge(sb, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", "counter", process.TotalProcessorTime.TotalSeconds);
        Gauge(sb, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.", "gauge", Started.ToUnixTimeMilliseconds() / 1000.0);
        Gauge(sb, "process_threads", "Number of OS threads in the process.", "gauge", process.Threads.Count);
    }

    private static void Gauge(StringBuilder sb, string name, string help, string type, double value)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        Sample(sb, name, string.Empty, value);
    }

    private static void Sample(StringBuilder sb, string name, string labels, double value)
    {
        sb.Append(name);
        if (labels.Length > 0)
        {
            sb.Append('{').Append(labels).Append('}');
        }

        sb.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    private static string Number(double v) => double.IsPositiveInfinity(v) ? "+Inf"
        : double.IsNegativeInfinity(v) ? "-Inf"
        : double.IsNaN(v) ? "NaN"
        : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

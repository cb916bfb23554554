using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cairn.Serving;

/// <summary>
/// Serving's instruments on the <c>Cairn.Serving</c> meter (exported on <c>/metrics</c>) and its activity
/// source (one span per inference). Labels are bounded: the deployment and version come from the project's
/// own deployments, never from a request path that names nothing.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string SourceName = "Cairn.Serving";

    private static readonly ActivitySource Source = new(SourceName);
    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _requestBytes;
    private readonly Histogram<long> _responseBytes;
    private readonly Counter<long> _errors;
    private readonly Histogram<int> _batchRows;

    public ServingMetrics(IMeterFactory meters, DeploymentHost host)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(host);
        var meter = meters.Create(SourceName);
        _duration = meter.CreateHistogram<double>(
            "cairn.inference.duration", "s", "Time from a request's arrival to its answer, by deployment, version, protocol and outcome.");
        long[] byteBuckets = [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864];
        _requestBytes = meter.CreateHistogram<long>(
            "cairn.inference.request.size", "By", "Request body bytes of inference requests.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = byteBuckets });
        _responseBytes = meter.CreateHistogram<long>(
            "cairn.inference.response.size", "By", "Response body bytes of inference answers.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = byteBuckets });
        _errors = meter.CreateCounter<long>("cairn.inference.errors", null, "Inference requests that failed, by deployment, version and kind.");
        _batchRows = meter.CreateHistogram<int>(
            "cairn.inference.batch.size", "{row}", "Rows in each model run: a request's own rows, or a dynamic batch's stacked rows.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096] });
        meter.CreateObservableGauge("cairn.inference.queue.depth", () => Gauge(host, m => m.Queued), "{request}", "Requests admitted and waiting for a run.");
        meter.CreateObservableGauge("cairn.inference.in_flight", () => Gauge(host, m => m.InFlight), "{request}", "Requests admitted and not yet answered.");
    }

    /// <summary>Starts the span of one inference (null when nobody listens).</summary>
    public static Activity? StartSpan(string protocol, string deployment)
    {
        var span = Source.StartActivity("inference " + deployment, ActivityKind.Internal);
        span?.SetTag("cairn.deployment", deployment);
        span?.SetTag("cairn.inference.protocol", protocol);
        return span;
    }

    /// <summary>Records one finished request; <paramref name="error"/> is null on success, else the error kind's label.</summary>
    public void Record(ServedModel model, string protocol, double seconds, long requestBytes, long responseBytes, string? error)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (project, deployment, version) = model.MetricTags;
        _duration.Record(seconds, new TagList { project, deployment, version, { "protocol", protocol }, { "outcome", error ?? "ok" } });
        var tags = new TagList { project, deployment, version };
        if (requestBytes >= 0)
        {
            _requestBytes.Record(requestBytes, tags);
        }

        if (responseBytes >= 0)
        {
            _responseBytes.Record(responseBytes, tags);
        }

        if (error is not null)
        {
            _errors.Add(1, new TagList { project, deployment, version, { "kind", error } });
        }

        model.Latency.Add(seconds, error is null);
    }

    /// <summary>Records the rows of one model run.</summary>
    public void RecordRun(ServedModel model, int rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (project, deployment, version) = model.MetricTags;
        _batchRows.Record(rows, new TagList { project, deployment, version });
    }

    private static IEnumerable<Measurement<int>> Gauge(DeploymentHost host, Func<ServedModel, int> value) =>
        host.All.Select(m => new Measurement<int>(
            value(m), new("deployment", m.Deployment.Name), new("version", m.Deployment.ModelVersion), new("project", m.ProjectId)));
}

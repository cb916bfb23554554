using System.Net;
using Cairn.Client.Contracts;

namespace Cairn.Client;

/// <summary>
/// Logs to one run from training code: metrics, params and tags are buffered and sent as
/// all-or-nothing batches (at most 1,000 metrics, 100 params, 100 tags each, MLflow's limits),
/// retried with exponential back-off on transient failures — safe because a batch sent twice stores
/// nothing twice. Disposing flushes and, unless <see cref="EndAsync"/> was called, finishes the run.
/// </summary>
public sealed class RunLogger : IAsyncDisposable
{
    private const int MaxMetrics = 1000;
    private const int MaxParams = 100;
    private const int MaxTags = 100;
    private const int MaxEntities = 1000;
    private const int MaxAttempts = 5;

    private readonly CairnClient _client;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private List<MetricPointDto> _metrics = [];
    private Dictionary<string, string> _params = [];
    private Dictionary<string, string> _tags = [];
    private bool _ended;

    internal RunLogger(CairnClient client, RunDto run)
    {
        _client = client;
        Run = run;
    }

    /// <summary>The run as created.</summary>
    public RunDto Run { get; }

    /// <summary>The run's id.</summary>
    public string RunId => Run.Id;

    /// <summary>Delay before the first retry; doubles each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Buffers one metric point (timestamp now when omitted); sends when a batch is full.</summary>
    public Task LogMetricAsync(string key, double value, long step = 0, long? timestamp = null, CancellationToken ct = default)
    {
        bool full;
        lock (_gate)
        {
            _metrics.Add(new MetricPointDto(key, value, timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), step));
            full = _metrics.Count >= MaxMetrics;
        }

        return full ? FlushAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Buffers a param (write-once on the server).</summary>
    public Task LogParamAsync(string key, string value, CancellationToken ct = default)
    {
        bool full;
        lock (_gate)
        {
            _params[key] = value;
            full = _params.Count >= MaxParams;
        }

        return full ? FlushAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Buffers a tag.</summary>
    public Task SetTagAsync(string key, string value, CancellationToken ct = default)
    {
        bool full;
        lock (_gate)
        {
            _tags[key] = value;
            full = _tags.Count >= MaxTags;
        }

        return full ? FlushAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Uploads a file to the run's artifacts (after sending what is buffered).</summary>
    public async Task LogArtifactAsync(string path, Stream content, CancellationToken ct = default)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        await _client.UploadArtifactAsync(RunId, path, content, ct).ConfigureAwait(false);
    }

    /// <summary>Sends everything buffered.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _sending.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (true)
            {
                LogBatchRequest? batch;
                lock (_gate)
                {
                    batch = TakeBatch();
                }

                if (batch is null)
                {
                    return;
                }

                await SendWithRetryAsync(batch, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Flushes and marks the run finished (or another terminal status) with end time now.</summary>
    public async Task EndAsync(string status = "FINISHED", CancellationToken ct = default)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        await _client.UpdateRunAsync(RunId, new UpdateRunRequest(status, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), ct).ConfigureAwait(false);
        _ended = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            await EndAsync().ConfigureAwait(false);
        }

        _sending.Dispose();
    }

    private LogBatchRequest? TakeBatch()
    {
        if (_metrics.Count == 0 && _params.Count == 0 && _tags.Count == 0)
        {
            return null;
        }

        // MLflow's limits: 100 params, 100 tags, 1,000 metrics and 1,000 entities in all per batch.
        var (parameters, tags) = (_params, _tags);
        (_params, _tags) = ([], []);
        var room = Math.Min(MaxMetrics, MaxEntities - parameters.Count - tags.Count);
        var metrics = _metrics.Take(room).ToList();
        _metrics = _metrics.Skip(room).ToList();
        return new LogBatchRequest(metrics, parameters, tags);
    }

    private async Task SendWithRetryAsync(LogBatchRequest batch, CancellationToken ct)
    {
        var delay = RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.LogBatchAsync(RunId, batch, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e))
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        HttpRequestException => true,
        CairnApiException api => api.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)api.Status >= 500,
        _ => false,
    };
}

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

                try
                {
                    await SendWithRetryAsync(batch, ct).ConfigureAwait(false);
                }
                catch
                {
                    // Not lost: the batch goes back in front of anything logged since, for the next flush.
                    lock (_gate)
                    {
                        Requeue(batch);
                    }

                    throw;
                }
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
        var parameters = Take(ref _params, MaxParams);
        var tags = Take(ref _tags, MaxTags);
        var room = Math.Min(MaxMetrics, MaxEntities - parameters.Count - tags.Count);
        var metrics = _metrics.Take(room).ToList();
        _metrics = _metrics.Skip(room).ToList();
        return new LogBatchRequest(metrics, parameters, tags);
    }

    private static Dictionary<string, string> Take(ref Dictionary<string, string> source, int max)
    {
        if (source.Count <= max)
        {
            var all = source;
            source = [];
            return all;
        }

        var taken = source.Take(max).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var key in taken.Keys)
        {
            source.Remove(key);
        }

        return taken;
    }

    private void Requeue(LogBatchRequest batch)
    {
        _metrics.InsertRange(0, batch.Metrics ?? []);
        foreach (var (k, v) in batch.Params ?? new Dictionary<string, string>())
        {
            _params.TryAdd(k, v);
        }

        foreach (var (k, v) in batch.Tags ?? new Dictionary<string, string>())
        {
            _tags.TryAdd(k, v);
        }
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
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e, ct))
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        HttpRequestException => true,
        TaskCanceledException when !caller.IsCancellationRequested => true, // HttpClient's own timeout
        CairnApiException api => api.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)api.Status >= 500,
        _ => false,
    };
}

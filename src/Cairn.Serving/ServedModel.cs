using Cairn.Core.Errors;
using Cairn.Core.Serving;
using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// One deployment as loaded in this process: its session (shared by all callers; ONNX Runtime's Run is
/// thread-safe), or why it is not ready. Bounds the runs in flight and the queue behind them, and
/// terminates a run that exceeds the deployment's timeout.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly DynamicBatcher? _batcher;
    private readonly ServingMetrics? _metrics;
    private int _admitted;
    private int _running;
    private (KeyValuePair<string, object?>, KeyValuePair<string, object?>, KeyValuePair<string, object?>)? _tags;

    public ServedModel(long projectId, Deployment deployment, IInferenceModel? model, string? problem, ServingMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ProjectId = projectId;
        Deployment = deployment;
        Model = model;
        Problem = model is null ? problem ?? "not loaded" : null;
        _metrics = metrics;
        var settings = deployment.Settings;
        _slots = new SemaphoreSlim(settings.MaxConcurrency, settings.MaxConcurrency);
        if (model is not null && settings.MaxBatchSize > 1 && CanBatch(model))
        {
            // As many batch workers as cores (within the concurrency limit): each runs one stacked batch at a time.
            _batcher = new DynamicBatcher(RunCounted, settings.MaxBatchSize, settings.MaxQueueDelayMs, settings.TimeoutMs, Math.Min(settings.MaxConcurrency, Environment.ProcessorCount))
            {
                OnRun = rows => _metrics?.RecordRun(this, rows),
            };
        }
    }

    public long ProjectId { get; }

    public Deployment Deployment { get; }

    /// <summary>The loaded model, or null when loading failed (see <see cref="Problem"/>).</summary>
    public IInferenceModel? Model { get; }

    /// <summary>Why the deployment is not ready, or null when it is.</summary>
    public string? Problem { get; }

    public bool Ready => Model is not null;

    /// <summary>Requests admitted and not yet answered (running or queued).</summary>
    public int InFlight => Volatile.Read(ref _admitted);

    /// <summary>Requests admitted and waiting for a run (a run slot, or a place in a dynamic batch).</summary>
    public int Queued => Math.Max(0, _batcher?.Waiting ?? (InFlight - Volatile.Read(ref _running)));

    /// <summary>True when dynamic batching is on: asked for by the settings, and every input and output leads with a batch dimension.</summary>
    public bool Batching => _batcher is not null;

    /// <summary>The labels every serving metric of this deployment carries, boxed once.</summary>
    internal (KeyValuePair<string, object?> Project, KeyValuePair<string, object?> Deployment, KeyValuePair<string, object?> Version) MetricTags =>
        _tags ??= (new("project", ProjectId), new("deployment", Deployment.Name), new("version", Deployment.ModelVersion));

    /// <summary>Latency of the most recent requests, for the deployments page.</summary>
    public LatencyWindow Latency { get; } = new();

    /// <summary>Runs the model for one request: 503 when not ready, 429 when the queue is full, 504 after the timeout.</summary>
    public async Task<IReadOnlyList<OnnxTensor>> RunAsync(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs, CancellationToken ct)
    {
        var session = Model ?? throw new CairnException(ErrorKind.Unavailable, $"deployment '{Deployment.Name}' is not ready: {Problem}");
        if (outputs?.FirstOrDefault(o => session.Outputs.Any(n => n.Name == o && n.Kind != OnnxValueKind.Tensor)) is { } notTensor)
        {
            throw CairnException.Invalid("outputs", $"output '{notTensor}' is not a tensor; only tensor outputs can be returned");
        }

        // Without a selection, every tensor output (a sequence or map output, e.g. ZipMap's, is left out).
        outputs ??= session.Outputs.Where(n => n.Kind == OnnxValueKind.Tensor).Select(n => n.Name).ToList();
        var settings = Deployment.Settings;
        if (Interlocked.Increment(ref _admitted) > settings.MaxConcurrency + settings.MaxQueue)
        {
            Interlocked.Decrement(ref _admitted);
            throw new CairnException(ErrorKind.Overloaded, $"deployment '{Deployment.Name}' has {settings.MaxQueue} requests waiting already; retry shortly");
        }

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(settings.TimeoutMs);
            try
            {
                if (_batcher is not null && SameRows(inputs))
                {
                    return await _batcher.RunAsync(inputs, outputs, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
                }

                await _slots.WaitAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    _metrics?.RecordRun(this, inputs.Count > 0 && inputs[0].Shape.Length > 0 ? (int)inputs[0].Shape[0] : 1);
                    return RunCounted(inputs, outputs, deadline.Token);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CairnException(ErrorKind.TimedOut, $"deployment '{Deployment.Name}': the request took longer than its timeout of {settings.TimeoutMs} ms; the run was terminated");
            }
            catch (ObjectDisposedException)
            {
                throw new CairnException(ErrorKind.Unavailable, $"deployment '{Deployment.Name}' was replaced or deleted during the request; retry");
            }
            catch (OnnxRuntimeException e) when (e.Code is OrtErrorCode.InvalidArgument)
            {
                throw CairnException.Invalid("inputs", "the model refused the input: " + e.RuntimeMessage);
            }
            catch (OnnxRuntimeException e)
            {
                throw new CairnException(ErrorKind.Unprocessable, $"the model failed on this input ({e.Code}): {e.RuntimeMessage}");
            }
            catch (NotSupportedException e)
            {
                throw new CairnException(ErrorKind.Unprocessable, e.Message);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    /// <summary>Releases the session once calls in flight end (the slot semaphore needs no disposal: no wait handle is taken).</summary>
    public void Dispose()
    {
        _batcher?.Complete();
        Model?.Dispose();
    }

    private static bool CanBatch(IInferenceModel session) =>
        session.Inputs.All(i => i.Kind == OnnxValueKind.Tensor && i.HasBatchDimension)
        && session.Outputs.Where(o => o.Kind == OnnxValueKind.Tensor).All(o => o.HasBatchDimension);

    private static bool SameRows(IReadOnlyList<OnnxTensor> inputs) =>
        inputs.Count > 0 && inputs.All(i => i.Shape.Length > 0 && i.Shape[0] == inputs[0].Shape[0]);

    private IReadOnlyList<OnnxTensor> RunCounted(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs, CancellationToken ct)
    {
        Interlocked.Increment(ref _running);
        try
        {
            return Model!.Run(inputs, outputs, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

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
    private int _admitted;

    public ServedModel(long projectId, Deployment deployment, OnnxSession? session, string? problem)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ProjectId = projectId;
        Deployment = deployment;
        Session = session;
        Problem = session is null ? problem ?? "not loaded" : null;
        _slots = new SemaphoreSlim(deployment.Settings.MaxConcurrency, deployment.Settings.MaxConcurrency);
    }

    public long ProjectId { get; }

    public Deployment Deployment { get; }

    /// <summary>The loaded model, or null when loading failed (see <see cref="Problem"/>).</summary>
    public OnnxSession? Session { get; }

    /// <summary>Why the deployment is not ready, or null when it is.</summary>
    public string? Problem { get; }

    public bool Ready => Session is not null;

    /// <summary>Requests admitted and not yet answered (running or queued).</summary>
    public int InFlight => Volatile.Read(ref _admitted);

    /// <summary>Runs the model for one request: 503 when not ready, 429 when the queue is full, 504 after the timeout.</summary>
    public async Task<IReadOnlyList<OnnxTensor>> RunAsync(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs, CancellationToken ct)
    {
        var session = Session ?? throw new CairnException(ErrorKind.Unavailable, $"deployment '{Deployment.Name}' is not ready: {Problem}");
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
                await _slots.WaitAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    return session.Run(inputs, outputs, deadline.Token);
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
    public void Dispose() => Session?.Dispose();
}

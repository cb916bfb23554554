using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// Dynamic batching for a model whose inputs and outputs all lead with a batch dimension. A request that finds
/// an open batch it fits (same inputs, element types, trailing dimensions and output selection; rows up to the
/// deployment's <c>max_batch_size</c>) joins it; otherwise it opens one and leads it. The leader waits out
/// <c>max_queue_delay_ms</c> and then for a run slot (one per core) while later requests join; then it closes the batch, runs the model once on its own thread and hands every caller its own
/// rows, in order. Under load batches fill while the slots are busy, with no thread in between; a request
/// larger than the batch size runs alone.
/// </summary>
internal sealed class DynamicBatcher
{
    private readonly Func<IReadOnlyList<OnnxTensor>, IReadOnlyList<string>, CancellationToken, IReadOnlyList<OnnxTensor>> _run;
    private readonly int _maxRows;
    private readonly TimeSpan _delay;
    private readonly int _timeoutMs;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private Batch? _open;
    private int _waiting;
    private bool _closed;

    public DynamicBatcher(
        Func<IReadOnlyList<OnnxTensor>, IReadOnlyList<string>, CancellationToken, IReadOnlyList<OnnxTensor>> run,
        int maxRows, double delayMs, int timeoutMs, int runs)
    {
        _run = run;
        _maxRows = maxRows;
        _delay = TimeSpan.FromMilliseconds(delayMs);
        _timeoutMs = timeoutMs;
        _slots = new SemaphoreSlim(runs, runs);
    }

    /// <summary>Requests in batches that have not started running.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Called with the rows of every model run.</summary>
    public Action<int>? OnRun { get; init; }

    /// <summary>Joins or opens a batch; the task ends with this request's own outputs, or the run's error.</summary>
    public Task<IReadOnlyList<OnnxTensor>> RunAsync(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs, CancellationToken ct)
    {
        var pending = new Pending(inputs, outputs, ct);
        Batch batch;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _waiting++;
            if (_open is { } open && open.Rows + pending.Rows <= _maxRows && open.Items[0].Fits(pending))
            {
                open.Add(pending, _maxRows);
                if (open.Rows >= _maxRows)
                {
                    _open = null;
                }

                return pending.Result.Task;
            }

            batch = new Batch(pending);
            _open = pending.Rows >= _maxRows ? null : batch;
        }

        _ = LeadAsync(batch);
        return pending.Result.Task;
    }

    /// <summary>Takes no more requests; batches already formed still run.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _closed = true;
            _open = null;
        }
    }

    private async Task LeadAsync(Batch batch)
    {
        // The batch fills while it waits out the delay and then for a run slot; no slot is held while waiting.
        // Not the leader's token: the batch runs for every request in it, whoever gives up.
        if (_delay > TimeSpan.Zero && batch.Rows < _maxRows)
        {
            using var wake = new CancellationTokenSource();
            await Task.WhenAny(Task.Delay(_delay, wake.Token), batch.Full.Task).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
        }

        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            List<Pending> items;
            int rows;
            lock (_lock)
            {
                if (ReferenceEquals(_open, batch))
                {
                    _open = null;
                }

                items = batch.Items;
                rows = batch.Rows;
                _waiting -= items.Count;
            }

            Execute(items, rows);
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Execute(List<Pending> batch, int rows)
    {
        var live = batch.Where(p => !p.Abandoned).ToList();
        if (live.Count == 0)
        {
            return;
        }

        rows = live.Count == batch.Count ? rows : live.Sum(p => p.Rows);
        try
        {
            using var timeout = new CancellationTokenSource(_timeoutMs);
            var inputs = live.Count == 1 ? live[0].Inputs : Stack(live, rows);
            OnRun?.Invoke(rows);
            var outputs = _run(inputs, live[0].Outputs, timeout.Token);
            if (live.Count == 1)
            {
                live[0].Result.TrySetResult(outputs);
                return;
            }

            var offset = 0;
            foreach (var p in live)
            {
                p.Result.TrySetResult(outputs.Select(o => Slice(o, offset, p.Rows, rows)).ToList());
                offset += p.Rows;
            }
        }
        catch (Exception e)
        {
            foreach (var p in live)
            {
                p.Result.TrySetException(e);
            }
        }
    }

    /// <summary>Requests run together; only changed under the batcher's lock until the leader closes it.</summary>
    private sealed class Batch(Pending first)
    {
        public List<Pending> Items { get; } = [first];

        public int Rows { get; private set; } = first.Rows;

        /// <summary>Set when the batch reaches the size limit: its leader stops waiting for more.</summary>
        public TaskCompletionSource Full { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(Pending pending, int maxRows)
        {
            Items.Add(pending);
            Rows += pending.Rows;
            if (Rows >= maxRows)
            {
                Full.TrySetResult();
            }
        }
    }

    private static List<OnnxTensor> Stack(List<Pending> batch, int rows)
    {
        var stacked = new List<OnnxTensor>(batch[0].Inputs.Count);
        foreach (var template in batch[0].Inputs)
        {
            var rowLength = template.Data.Length / Math.Max(1, (int)template.Shape[0]);
            var data = Array.CreateInstance(template.Data.GetType().GetElementType()!, rows * rowLength);
            var at = 0;
            foreach (var p in batch)
            {
                var part = p.Inputs.First(i => i.Name == template.Name).Data;
                Array.Copy(part, 0, data, at, part.Length);
                at += part.Length;
            }

            var shape = (long[])template.Shape.Clone();
            shape[0] = rows;
            stacked.Add(new OnnxTensor(template.Name, template.ElementType, shape, data));
        }

        return stacked;
    }

    private static OnnxTensor Slice(OnnxTensor output, int offset, int count, int rows)
    {
        if (output.Shape.Length == 0 || output.Shape[0] != rows)
        {
            throw new NotSupportedException($"output '{output.Name}' has shape [{string.Join(", ", output.Shape)}], which does not lead with the batch's {rows} rows, so it cannot be split between requests; turn dynamic batching off for this model");
        }

        var rowLength = rows == 0 ? 0 : output.Data.Length / rows;
        var data = Array.CreateInstance(output.Data.GetType().GetElementType()!, count * rowLength);
        Array.Copy(output.Data, offset * rowLength, data, 0, count * rowLength);
        var shape = (long[])output.Shape.Clone();
        shape[0] = count;
        return new OnnxTensor(output.Name, output.ElementType, shape, data);
    }

    private sealed class Pending
    {
        private readonly CancellationToken _ct;

        public Pending(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs, CancellationToken ct)
        {
            Inputs = inputs;
            Outputs = outputs;
            _ct = ct;
            Rows = inputs.Count == 0 || inputs[0].Shape.Length == 0 ? 1 : (int)inputs[0].Shape[0];
        }

        public IReadOnlyList<OnnxTensor> Inputs { get; }

        public IReadOnlyList<string> Outputs { get; }

        public int Rows { get; }

        public TaskCompletionSource<IReadOnlyList<OnnxTensor>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The caller gave up (timeout or disconnect) before the request ran: it is skipped.</summary>
        public bool Abandoned => _ct.IsCancellationRequested || Result.Task.IsCompleted;

        public bool Fits(Pending other)
        {
            if (other.Inputs.Count != Inputs.Count || !other.Outputs.SequenceEqual(Outputs, StringComparer.Ordinal))
            {
                return false;
            }

            foreach (var mine in Inputs)
            {
                var theirs = other.Inputs.FirstOrDefault(i => i.Name == mine.Name);
                if (theirs is null || theirs.ElementType != mine.ElementType || !theirs.Shape.AsSpan(1).SequenceEqual(mine.Shape.AsSpan(1)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

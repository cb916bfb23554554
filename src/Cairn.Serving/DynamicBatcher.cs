using System.Threading.Channels;
using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// Dynamic batching for a model whose inputs and outputs all lead with a batch dimension: requests queue,
/// a worker stacks the rows of compatible requests (same inputs, element types, trailing dimensions and
/// output selection) up to the deployment's <c>max_batch_size</c>, waiting at most <c>max_queue_delay_ms</c>
/// for the batch to fill, runs the model once and hands every caller its own rows, in order.
/// A request larger than the batch size runs alone.
/// </summary>
internal sealed class DynamicBatcher
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Func<IReadOnlyList<OnnxTensor>, IReadOnlyList<string>, CancellationToken, IReadOnlyList<OnnxTensor>> _run;
    private readonly int _maxRows;
    private readonly TimeSpan _delay;
    private readonly int _timeoutMs;
    private int _waiting;

    public DynamicBatcher(
        Func<IReadOnlyList<OnnxTensor>, IReadOnlyList<string>, CancellationToken, IReadOnlyList<OnnxTensor>> run,
        int maxRows, double delayMs, int timeoutMs, int workers)
    {
        _run = run;
        _maxRows = maxRows;
        _delay = TimeSpan.FromMilliseconds(delayMs);
        _timeoutMs = timeoutMs;
        for (var i = 0; i < workers; i++)
        {
            _ = Task.Run(WorkAsync);
        }
    }

    /// <summary>Requests queued and not yet taken into a batch.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Called with the rows of every model run.</summary>
    public Action<int>? OnRun { get; init; }

    /// <summary>Queues one request; the task ends with this request's own outputs, or the run's error.</summary>
    public Task<IReadOnlyList<OnnxTensor>> RunAsync(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs, CancellationToken ct)
    {
        var pending = new Pending(inputs, outputs, ct);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(DynamicBatcher));
        }

        return pending.Result.Task;
    }

    /// <summary>Stops taking requests; the queued ones still run (or fail if the session is gone).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task WorkAsync()
    {
        var reader = _queue.Reader;
        Pending? carry = null;
        var batch = new List<Pending>();
        while (true)
        {
            var first = carry ?? await NextAsync(reader).ConfigureAwait(false);
            carry = null;
            if (first is null)
            {
                return;
            }

            if (first.Abandoned)
            {
                continue;
            }

            batch.Clear();
            batch.Add(first);
            var rows = first.Rows;
            var until = DateTime.UtcNow + _delay;
            while (rows < _maxRows)
            {
                if (!reader.TryRead(out var next))
                {
                    var left = until - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !await WaitAsync(reader, left).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                Interlocked.Decrement(ref _waiting);
                if (next.Abandoned)
                {
                    continue;
                }

                if (rows + next.Rows > _maxRows || !first.Fits(next))
                {
                    carry = next;
                    break;
                }

                batch.Add(next);
                rows += next.Rows;
            }

            Execute(batch, rows);
        }
    }

    private async Task<Pending?> NextAsync(ChannelReader<Pending> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (reader.TryRead(out var item))
            {
                Interlocked.Decrement(ref _waiting);
                return item;
            }
        }

        return null;
    }

    private static async Task<bool> WaitAsync(ChannelReader<Pending> reader, TimeSpan left)
    {
        using var timer = new CancellationTokenSource(left);
        try
        {
            return await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Execute(List<Pending> batch, int rows)
    {
        var live = batch.Where(p => !p.Abandoned).ToList();
        if (live.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_timeoutMs);
            var inputs = live.Count == 1 ? live[0].Inputs : Stack(live, rows);
            OnRun?.Invoke(live.Count == 1 ? live[0].Rows : rows);
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

using System.Threading.Channels;
using Cairn.Core.Audit;
using Cairn.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cairn.Governance.Audit;

/// <summary>
/// Appends audit events with group commit: callers wait until their event is durable, while one
/// writer drains everything queued into a single transaction. The chain is computed inside that
/// transaction, so concurrent requests never fork it.
/// </summary>
public sealed class AuditWriter(IAuditStore store, IOptions<GovernanceOptions> options) : BackgroundService
{
    private readonly Channel<(AuditRecord Record, TaskCompletionSource<AuditEvent> Done)> _queue =
        Channel.CreateBounded<(AuditRecord, TaskCompletionSource<AuditEvent>)>(new BoundedChannelOptions(10_000)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    /// <summary>Queues an event and completes once it is committed.</summary>
    public async Task<AuditEvent> AppendAsync(AuditRecord record, CancellationToken ct)
    {
        var done = new TaskCompletionSource<AuditEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((record, done), ct).ConfigureAwait(false);
        return await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var max = Math.Max(1, options.Value.AuditBatchSize);
        var batch = new List<(AuditRecord Record, TaskCompletionSource<AuditEvent> Done)>(max);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < max && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: drain what is queued so no acknowledged request loses its event.
            while (_queue.Reader.TryRead(out var item))
            {
                batch.Clear();
                batch.Add(item);
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<(AuditRecord Record, TaskCompletionSource<AuditEvent> Done)> batch)
    {
        try
        {
            var events = await store.AppendAsync(batch.Select(b => b.Record).ToList(), CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(events[i]);
            }
        }
#pragma warning disable CA1031 // every waiter must hear of the failure; nothing is swallowed
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var item in batch)
            {
                item.Done.TrySetException(e);
            }
        }
    }
}

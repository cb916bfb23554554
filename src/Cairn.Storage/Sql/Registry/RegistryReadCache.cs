using System.Collections.Concurrent;
using Cairn.Core.Registry;
using Microsoft.Extensions.Options;

namespace Cairn.Storage.Sql.Registry;

/// <summary>
/// Alias → version answers held in memory, so resolving <c>models:/name@alias</c> (what clients and
/// serving replicas poll) costs no query. Every registry write in this process ends by calling
/// <see cref="Invalidate"/>, which makes every answer read before it stale at once; writes by another
/// process sharing the database are seen after at most <see cref="StorageOptions.RegistryCacheSeconds"/>.
/// </summary>
public sealed class RegistryReadCache
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(long Project, string Name, string Alias), Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly long _maxAgeTicks;
    private long _generation;

    public RegistryReadCache(IOptions<StorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _maxAgeTicks = (long)(options.Value.RegistryCacheSeconds * time.TimestampFrequency);
    }

    /// <summary>Read before a query; pass to <see cref="Store"/> so an answer a write overtook is never kept.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public bool TryGet(long project, string name, string alias, out ModelVersion version)
    {
        if (_entries.TryGetValue((project, name, alias), out var entry)
            && entry.Generation == Generation
            && _time.GetTimestamp() - entry.ReadAt < _maxAgeTicks)
        {
            version = entry.Version;
            return true;
        }

        version = null!;
        return false;
    }

    public void Store(long project, string name, string alias, long generation, ModelVersion version)
    {
        if (_maxAgeTicks <= 0 || generation != Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[(project, name, alias)] = new Entry(generation, _time.GetTimestamp(), version);
    }

    /// <summary>Called after every registry write, committed or not.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(long Generation, long ReadAt, ModelVersion Version);
}

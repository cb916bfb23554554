using System.Collections.Concurrent;
using Cairn.Core.Access;
using Microsoft.Extensions.Options;

namespace Cairn.Governance.Access;

/// <summary>
/// Remembers resolved keys for a few seconds so an authenticated request costs no database read.
/// Revocations on this replica take effect at once; on other replicas within <see cref="GovernanceOptions.KeyCacheSeconds"/>.
/// </summary>
public sealed class CallerCache(IOptions<GovernanceOptions> options, TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (Caller Caller, long Until)> _entries = new(StringComparer.Ordinal);
    private readonly long _ttlMs = (long)(options.Value.KeyCacheSeconds * 1000);
    private long _generation;

    /// <summary>Changes whenever entries are forgotten; read it before a database lookup and pass it to <see cref="Put"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>A cached caller for a key hash, when fresh.</summary>
    public Caller? Get(string secretHash)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_entries.TryGetValue(secretHash, out var entry) && entry.Until > now
            && (entry.Caller.ExpiresAt is null || entry.Caller.ExpiresAt > now))
        {
            return entry.Caller;
        }

        return null;
    }

    /// <summary>
    /// Remembers a caller read from the database at <paramref name="generation"/>. If anything was
    /// forgotten since (a revocation racing the lookup), the possibly stale caller is not cached.
    /// </summary>
    public void Put(string secretHash, Caller caller, long generation)
    {
        if (_ttlMs <= 0 || generation != Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[secretHash] = (caller, time.GetUtcNow().ToUnixTimeMilliseconds() + _ttlMs);
    }

    /// <summary>Forgets every entry of a key.</summary>
    public void ForgetKey(long keyId) => Forget(c => c.KeyId == keyId);

    /// <summary>Forgets every entry of a project (after a role change).</summary>
    public void ForgetProject(long projectId) => Forget(c => c.ProjectId == projectId);

    private void Forget(Func<Caller, bool> match)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _entries)
        {
            if (match(entry.Caller))
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }
}

using Cairn.Core.Access;
using Cairn.Core.Storage;
using Cairn.Governance.Keys;

namespace Cairn.Governance.Access;

/// <summary>Turns a presented secret into a caller, through the per-replica cache.</summary>
public sealed class CallerResolver(IKeyStore keys, CallerCache cache, TimeProvider time)
{
    /// <summary>The longest secret considered; anything longer is refused unread.</summary>
    public const int MaxSecretLength = 256;

    /// <summary>The caller for a secret, or null when the key is unknown, revoked or expired.</summary>
    public async ValueTask<Caller?> ResolveAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(secret);
        if (cache.Get(hash) is { } cached)
        {
            return cached;
        }

        var generation = cache.Generation;
        var caller = await keys.FindCallerAsync(hash, time.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        if (caller is not null)
        {
            cache.Put(hash, caller, generation);
        }

        return caller;
    }
}

using Cairn.Core.Access;
using Cairn.Core.Storage;
using Cairn.Governance.Access;
using Cairn.Governance.Keys;
using Microsoft.Extensions.Options;

namespace Cairn.Governance.Sessions;

/// <summary>
/// Web UI sign-in: a key is exchanged for a random session token (the cookie). Only the token's
/// hash is stored, and a session dies with its key.
/// </summary>
public sealed class SessionService(ISessionStore sessions, IKeyStore keys, CallerResolver resolver, IOptions<GovernanceOptions> options, TimeProvider time)
{
    /// <summary>Starts a session for a valid key; returns the token and its expiry, or null for a bad key.</summary>
    public async Task<(string Token, DateTimeOffset Expires, Caller Caller)?> SignInAsync(string secret, CancellationToken ct)
    {
        var caller = await resolver.ResolveAsync(secret.Trim(), ct).ConfigureAwait(false);
        if (caller is null)
        {
            return null;
        }

        var token = ApiKeySecret.Generate();
        var now = time.GetUtcNow();
        var expires = now.AddHours(options.Value.SessionHours);
        await sessions.CreateAsync(ApiKeySecret.Hash(token), caller.KeyId, now.ToUnixTimeMilliseconds(), expires.ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return (token, expires, caller);
    }

    /// <summary>The caller behind a session token, or null.</summary>
    public async Task<Caller?> ResolveAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > CallerResolver.MaxSecretLength)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var keyId = await sessions.FindKeyIdAsync(ApiKeySecret.Hash(token), now, ct).ConfigureAwait(false);
        return keyId is null ? null : await keys.FindCallerByKeyIdAsync(keyId.Value, now, ct).ConfigureAwait(false);
    }

    /// <summary>Ends a session.</summary>
    public Task SignOutAsync(string token, CancellationToken ct) => sessions.DeleteAsync(ApiKeySecret.Hash(token), ct);
}

namespace Cairn.Core.Storage;

/// <summary>Web UI sessions: a random cookie token, stored as a hash, bound to the key used to sign in.</summary>
public interface ISessionStore
{
    /// <summary>Stores a session.</summary>
    Task CreateAsync(string tokenHash, long keyId, long now, long expiresAt, CancellationToken ct);

    /// <summary>The key id of a live session, or null.</summary>
    Task<long?> FindKeyIdAsync(string tokenHash, long now, CancellationToken ct);

    /// <summary>Ends a session.</summary>
    Task DeleteAsync(string tokenHash, CancellationToken ct);
}

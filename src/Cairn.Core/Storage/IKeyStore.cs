using Cairn.Core.Access;

namespace Cairn.Core.Storage;

/// <summary>Principals and API keys. Keys are stored only as hashes of their secrets.</summary>
public interface IKeyStore
{
    /// <summary>Creates the first administrator, the default project and an admin key when no principal exists yet; false otherwise.</summary>
    Task<bool> BootstrapAsync(string admin, string project, string keyPrefix, string secretHash, long now, CancellationToken ct);

    /// <summary>Finds a principal by name.</summary>
    Task<Principal?> GetPrincipalAsync(string name, CancellationToken ct);

    /// <summary>Stores a new key.</summary>
    Task<ApiKeyInfo> CreateKeyAsync(NewApiKey key, CancellationToken ct);

    /// <summary>Lists a project's keys, newest first.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(long projectId, CancellationToken ct);

    /// <summary>Finds one key of a project.</summary>
    Task<ApiKeyInfo?> GetKeyAsync(long projectId, long keyId, CancellationToken ct);

    /// <summary>Revokes a key of a project; false when there is no such active key.</summary>
    Task<bool> RevokeKeyAsync(long projectId, long keyId, long now, CancellationToken ct);

    /// <summary>Resolves an active, unexpired key by the hash of its secret.</summary>
    Task<Caller?> FindCallerAsync(string secretHash, long now, CancellationToken ct);

    /// <summary>Resolves an active, unexpired key by id.</summary>
    Task<Caller?> FindCallerByKeyIdAsync(long keyId, long now, CancellationToken ct);
}

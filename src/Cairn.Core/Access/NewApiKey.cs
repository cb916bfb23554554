namespace Cairn.Core.Access;

/// <summary>A key to store: the hash of its secret and its metadata.</summary>
/// <param name="ProjectId">Owning project.</param>
/// <param name="PrincipalId">Holder.</param>
/// <param name="Name">A label.</param>
/// <param name="Prefix">Display prefix of the secret.</param>
/// <param name="SecretHash">Lowercase hex SHA-256 of the whole secret.</param>
/// <param name="Scopes">Scopes.</param>
/// <param name="CreatedAt">Creation time, ms since the epoch.</param>
/// <param name="ExpiresAt">Expiry, or null.</param>
public sealed record NewApiKey(
    long ProjectId, long PrincipalId, string Name, string Prefix, string SecretHash, Scope Scopes, long CreatedAt, long? ExpiresAt);

namespace Cairn.Client.Contracts;

/// <summary>An API key's metadata; the secret is never returned after creation.</summary>
/// <param name="Id">Identifier, used to revoke.</param>
/// <param name="Project">Owning project.</param>
/// <param name="Principal">Holder.</param>
/// <param name="Name">Label.</param>
/// <param name="Prefix">First characters of the secret.</param>
/// <param name="Scopes">Scope names.</param>
/// <param name="CreatedAt">Creation time, ms since the epoch.</param>
/// <param name="ExpiresAt">Expiry, or null.</param>
/// <param name="RevokedAt">Revocation time, or null.</param>
public sealed record KeyDto(
    long Id, string Project, string Principal, string Name, string Prefix, IReadOnlyList<string> Scopes, long CreatedAt, long? ExpiresAt, long? RevokedAt);

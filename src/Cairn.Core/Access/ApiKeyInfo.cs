namespace Cairn.Core.Access;

/// <summary>What is known of an API key after creation: never its secret, only a display prefix and the hash.</summary>
/// <param name="Id">Identifier used to revoke it.</param>
/// <param name="Project">The project it belongs to.</param>
/// <param name="Principal">The principal that holds it.</param>
/// <param name="Name">A label.</param>
/// <param name="Prefix">The first characters of the secret, to recognise it.</param>
/// <param name="Scopes">What it may do (before intersecting with the holder's role).</param>
/// <param name="CreatedAt">Creation time, ms since the epoch.</param>
/// <param name="ExpiresAt">Expiry, ms since the epoch, or null for none.</param>
/// <param name="RevokedAt">Revocation time, or null while active.</param>
public sealed record ApiKeyInfo(
    long Id,
    string Project,
    string Principal,
    string Name,
    string Prefix,
    Scope Scopes,
    long CreatedAt,
    long? ExpiresAt,
    long? RevokedAt);

namespace Cairn.Core.Registry;

/// <summary>
/// A project's public key for model-version signatures (ECDSA P-256). Its id is the first 16 hex digits of
/// the SHA-256 of its SubjectPublicKeyInfo, so a signer can name it from the private key alone.
/// </summary>
/// <param name="Id">Fingerprint (16 lowercase hex digits).</param>
/// <param name="Name">A label, unique in the project.</param>
/// <param name="PublicKeyPem">The key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</param>
/// <param name="CreatedBy">Who registered it.</param>
/// <param name="CreatedAt">ms since the epoch.</param>
/// <param name="RevokedAt">When it was revoked, or null; a revoked key's signatures no longer count.</param>
public sealed record SigningKey(string Id, string Name, string PublicKeyPem, string CreatedBy, long CreatedAt, long? RevokedAt);

/// <summary>A detached signature of a version's digest.</summary>
/// <param name="KeyId">The signing key's fingerprint.</param>
/// <param name="Signature">Base64 of the DER-encoded ECDSA signature over the digest.</param>
/// <param name="SignedBy">Who uploaded it.</param>
/// <param name="CreatedAt">ms since the epoch.</param>
public sealed record VersionSignature(string KeyId, string Signature, string SignedBy, long CreatedAt);

using System.Diagnostics;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Cairn.Core.Access;

namespace Cairn.Registry;

/// <summary>The state of one signature of a version, checked against the project's keys now.</summary>
/// <param name="KeyId">Fingerprint of the key named by the signature.</param>
/// <param name="KeyName">The key's label, or null when the project has no such key.</param>
/// <param name="SignedBy">Who uploaded it.</param>
/// <param name="CreatedAt">ms since the epoch.</param>
/// <param name="State"><c>valid</c>, <c>invalid</c>, <c>revoked_key</c> or <c>unknown_key</c>.</param>
public sealed record SignatureState(string KeyId, string? KeyName, string SignedBy, long CreatedAt, string State);

/// <summary>The result of verifying a version: its content against the manifest, its manifest against the digest, its signatures against the keys.</summary>
/// <param name="Name">Model.</param>
/// <param name="Version">Version.</param>
/// <param name="Digest">The recorded digest.</param>
/// <param name="Intact">Whether every file re-hashed to its manifest entry and the manifest to the digest (true when not re-hashed).</param>
/// <param name="Problem">What is wrong, or null.</param>
/// <param name="Signed">Whether at least one signature is valid under an active key.</param>
/// <param name="SignatureRequired">Whether the policy requires one for the model's tier.</param>
/// <param name="Signatures">Each signature's state.</param>
/// <param name="Files">Files checked.</param>
/// <param name="BytesVerified">Bytes re-hashed.</param>
/// <param name="Seconds">Time spent re-hashing.</param>
public sealed record VersionVerification(
    string Name, long Version, string Digest, bool Intact, string? Problem, bool Signed, bool SignatureRequired,
    IReadOnlyList<SignatureState> Signatures, int Files, long BytesVerified, double Seconds)
{
    /// <summary>Whether the version may be loaded: intact, and signed when the policy requires it.</summary>
    public bool Loadable => Intact && (Signed || !SignatureRequired);

    /// <summary>Why it may not be loaded, or null.</summary>
    public string? Refusal => !Intact ? Problem
        : SignatureRequired && !Signed ? $"{Name} version {Version} has no valid signature from an active signing key, and the project's policy requires one for its risk tier"
        : null;
}

/// <summary>Signing keys, detached signatures of version digests, and verification of versions before they are used.</summary>
public sealed class SigningService(IRegistryGovernanceStore store, RegistryService registry, PolicyService policies, TimeProvider time)
{
    public async Task<SigningKey> AddKeyAsync(long project, string? name, string? publicKeyPem, string by, CancellationToken ct)
    {
        var label = Names.RequireSlug(name, "name");
        using var key = ModelSignatures.ImportPublicKey(publicKeyPem);
        var signingKey = new SigningKey(ModelSignatures.Fingerprint(key), label, ModelSignatures.PublicPem(key), by, time.GetUtcNow().ToUnixTimeMilliseconds(), null);
        await store.AddSigningKeyAsync(project, signingKey, ct).ConfigureAwait(false);
        return signingKey;
    }

    public Task<IReadOnlyList<SigningKey>> ListKeysAsync(long project, CancellationToken ct) => store.ListSigningKeysAsync(project, ct);

    public async Task RevokeKeyAsync(long project, string keyId, CancellationToken ct)
    {
        if (!await store.RevokeSigningKeyAsync(project, keyId, time.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false))
        {
            throw CairnException.NotFound("active signing key", keyId);
        }
    }

    /// <summary>
    /// Stores a detached signature after checking it: the key must be an active key of the project and the
    /// signature must verify over the version's digest, else 422 and nothing is stored.
    /// </summary>
    public async Task<SignatureState> AddSignatureAsync(long project, string name, long version, string? keyId, string? signature, string by, CancellationToken ct)
    {
        var stored = await registry.GetVersionAsync(project, name, version, ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(signature))
        {
            throw CairnException.Invalid("signature", "is required (base64 of a DER ECDSA P-256 signature over the version digest)");
        }

        if (!ModelSignatures.TryBase64(signature, out _))
        {
            throw CairnException.Invalid("signature", "is not base64");
        }

        var keys = await store.ListSigningKeysAsync(project, ct).ConfigureAwait(false);
        var active = keys.Where(k => k.RevokedAt is null && (string.IsNullOrEmpty(keyId) || k.Id == keyId)).ToList();
        if (active.Count == 0)
        {
            throw new CairnException(ErrorKind.Unprocessable, string.IsNullOrEmpty(keyId)
                ? "signature: the project has no active signing key; register one first (cairn signing-keys add)"
                : $"key_id: {keyId} is not an active signing key of this project");
        }

        var key = active.FirstOrDefault(k => Verifies(k, stored.Digest, signature))
            ?? throw new CairnException(ErrorKind.Unprocessable,
                $"signature: does not verify over the digest {stored.Digest} of {name} version {version} with {(active.Count == 1 ? "key " + active[0].Id : "any active key")}");
        var entry = new VersionSignature(key.Id, signature.Trim(), by, time.GetUtcNow().ToUnixTimeMilliseconds());
        await store.AddSignatureAsync(project, name, version, entry, ct).ConfigureAwait(false);
        return new SignatureState(key.Id, key.Name, by, entry.CreatedAt, "valid");
    }

    /// <summary>
    /// Verifies a version now: with <paramref name="rehash"/>, every file is re-read and re-hashed;
    /// always, the manifest is re-digested and every signature is checked against the current keys.
    /// </summary>
    public async Task<VersionVerification> VerifyAsync(long project, string name, long version, bool rehash, CancellationToken ct)
    {
        var stored = await registry.GetVersionAsync(project, name, version, ct).ConfigureAwait(false);
        var model = await registry.GetModelAsync(project, name, ct).ConfigureAwait(false);
        var files = await registry.FilesAsync(project, name, version, ct).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var problem = rehash ? await registry.VerifyVersionAsync(project, name, version, ct).ConfigureAwait(false)
            : ModelManifest.Digest(files) != stored.Digest ? $"the manifest of {name} version {version} no longer matches its recorded digest {stored.Digest}" : null;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var states = await StatesAsync(project, stored, ct).ConfigureAwait(false);
        var policy = await policies.GetAsync(project, ct).ConfigureAwait(false);
        return new VersionVerification(
            name, version, stored.Digest, problem is null, problem, states.Any(s => s.State == "valid"), policy.RequireSignature.Contains(model.RiskTier),
            states, files.Count, rehash ? files.Sum(f => f.Size) : 0, seconds);
    }

    /// <summary>Each signature of the version against the project's keys as they are now.</summary>
    public async Task<IReadOnlyList<SignatureState>> StatesAsync(long project, Core.Registry.ModelVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        var keys = (await store.ListSigningKeysAsync(project, ct).ConfigureAwait(false)).ToDictionary(k => k.Id, StringComparer.Ordinal);
        var signatures = await store.SignaturesAsync(project, version.Name, version.Version, ct).ConfigureAwait(false);
        return signatures.Select(s =>
        {
            var state = !keys.TryGetValue(s.KeyId, out var key) ? "unknown_key"
                : key.RevokedAt is not null ? "revoked_key"
                : Verifies(key, version.Digest, s.Signature) ? "valid" : "invalid";
            return new SignatureState(s.KeyId, key?.Name, s.SignedBy, s.CreatedAt, state);
        }).ToList();
    }

    private static bool Verifies(SigningKey key, string digest, string signature)
    {
        using var publicKey = ModelSignatures.ImportPublicKey(key.PublicKeyPem);
        return ModelSignatures.Verify(publicKey, digest, signature);
    }
}

namespace Cairn.Client.Contracts;

/// <summary>A project signing key (ECDSA P-256); <see cref="Id"/> is its fingerprint.</summary>
public sealed record SigningKeyDto(string Id, string Name, string PublicKey, string CreatedBy, long CreatedAt, long? RevokedAt);

/// <summary>Body of <c>POST /api/v1/signing-keys</c>.</summary>
public sealed record AddSigningKeyRequest(string? Name, string? PublicKey);

/// <summary>Body of <c>POST /api/v1/models/{name}/versions/{version}/signatures</c>: base64 DER ECDSA over the version digest.</summary>
public sealed record AddSignatureRequest(string? Signature, string? KeyId = null);

/// <summary>One signature's state now: valid, invalid, revoked_key or unknown_key.</summary>
public sealed record SignatureStateDto(string KeyId, string? KeyName, string SignedBy, long CreatedAt, string State);

/// <summary>The result of verifying a version (content, manifest, signatures) and whether it may be loaded.</summary>
public sealed record VerificationDto(
    string Name, long Version, string Digest, bool Intact, string? Problem, bool Signed, bool SignatureRequired, bool Loadable,
    IReadOnlyList<SignatureStateDto> Signatures, int Files, long BytesVerified, double Seconds, double MegabytesPerSecond);

/// <summary>A project's registry policy.</summary>
public sealed record RegistryPolicyDto(
    IReadOnlyList<string>? RequireSignature = null, IReadOnlyList<string>? ProtectedAliases = null, IReadOnlyDictionary<string, int>? Approvals = null,
    IReadOnlyList<MetricThresholdDto>? EvaluationGate = null);

/// <summary>One threshold of the evaluation gate, e.g. accuracy &gt;= 0.9.</summary>
public sealed record MetricThresholdDto(string? Metric, string? Op, double Value);

using System.Security.Cryptography;
using Cairn.Core.Errors;

namespace Cairn.Core.Registry;

/// <summary>
/// Detached signatures of version digests: ECDSA P-256 over the 32 digest bytes as the message hash,
/// DER-encoded. Because the digest is the SHA-256 of the manifest text, a signature verifies with
/// <c>openssl dgst -sha256 -verify key.pub -signature sig.der manifest.txt</c> as well.
/// </summary>
public static class ModelSignatures
{
    /// <summary>Parses a PEM public key; it must be an EC key on P-256. Throws Invalid naming <paramref name="field"/>.</summary>
    public static ECDsa ImportPublicKey(string? pem, string field = "public_key")
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw CairnException.Invalid(field, "is required: an ECDSA P-256 public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw CairnException.Invalid(field, "is not an EC public key in PEM (-----BEGIN PUBLIC KEY-----); only ECDSA P-256 keys are accepted");
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw CairnException.Invalid(field, "must be on curve P-256 (prime256v1, secp256r1)");
        }

        return key;
    }

    /// <summary>The key's fingerprint: first 16 lowercase hex digits of SHA-256 over its SubjectPublicKeyInfo.</summary>
    public static string Fingerprint(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>The public key as PEM.</summary>
    public static string PublicPem(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Signs a version digest (64 hex digits); returns base64 of the DER signature.</summary>
    public static string Sign(ECDsa privateKey, string digest)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return Convert.ToBase64String(privateKey.SignHash(DigestBytes(digest), DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>Whether <paramref name="signatureBase64"/> is a valid signature of <paramref name="digest"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ECDsa publicKey, string digest, string? signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (signatureBase64 is null || !TryBase64(signatureBase64, out var signature))
        {
            return false;
        }

        try
        {
            return publicKey.VerifyHash(DigestBytes(digest), signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether the text is base64 (standard alphabet, padded).</summary>
    public static bool TryBase64(string text, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written > 0)
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    private static byte[] DigestBytes(string digest)
    {
        if (digest is not { Length: 64 })
        {
            throw new ArgumentException("a version digest is 64 hex digits", nameof(digest));
        }

        return Convert.FromHexString(digest);
    }
}

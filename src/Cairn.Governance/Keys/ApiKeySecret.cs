using System.Security.Cryptography;
using System.Text;

namespace Cairn.Governance.Keys;

/// <summary>
/// API key secrets: <c>cairn_</c> followed by 43 base62 characters (256 random bits). Only the
/// SHA-256 of a secret is stored; a fast hash is right here because the secret has full entropy.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>The literal start of every generated key.</summary>
    public const string Marker = "cairn_";

    /// <summary>How many characters of the secret are kept to recognise it.</summary>
    public const int PrefixLength = 12;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new random secret.</summary>
    public static string Generate()
    {
        Span<char> chars = stackalloc char[43];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Marker + new string(chars);
    }

    /// <summary>The lowercase hex SHA-256 of a secret, as stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// The display prefix of a secret: its first characters for generated keys (the random part
    /// after the marker reveals little), a digest-derived label for anything else, so a supplied
    /// key never appears in listings or logs.
    /// </summary>
    public static string PrefixOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.StartsWith(Marker, StringComparison.Ordinal) && secret.Length > PrefixLength
            ? secret[..PrefixLength]
            : "ext_" + Hash(secret)[..8];
    }
}

using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Guardrails;
using Cairn.Guardrails.Pii;
using Microsoft.AspNetCore.DataProtection;

namespace Cairn.Server.Guardrails;

/// <summary>
/// One project's keyed rewriting: the salted hash is HMAC-SHA-256 under a key derived from the project's secret;
/// a token is the entity type and ten base-32 characters of an HMAC of type and value under another derived key,
/// so the same value gives the same token within the project and an unrelated one elsewhere. Each new token's value
/// is protected (encrypted and authenticated by the server's data-protection keys) and kept for the vault.
/// </summary>
public sealed class ProjectTokenizer(byte[] secret, IDataProtector vault) : IPiiTokenizer
{
    private readonly byte[] _hashKey = HMACSHA256.HashData(secret, "cairn guardrails hash"u8);
    private readonly byte[] _tokenKey = HMACSHA256.HashData(secret, "cairn guardrails token"u8);
    private readonly Dictionary<string, VaultEntry> _issued = new(StringComparer.Ordinal);

    /// <summary>The tokens handed out by this tokenizer, with their protected values, to be stored in the vault.</summary>
    public IReadOnlyCollection<VaultEntry> Issued => _issued.Values;

    public string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value)));

    public string Pseudonymize(string entityType, string value)
    {
        var mac = HMACSHA256.HashData(_tokenKey, Encoding.UTF8.GetBytes(entityType + "\0" + value));
        var token = "<" + entityType + "_" + Base32(mac, 10) + ">";
        if (!_issued.ContainsKey(token))
        {
            _issued[token] = new VaultEntry(token, entityType, vault.Protect(value));
        }

        return token;
    }

    private static string Base32(byte[] bytes, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new StringBuilder(length);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && sb.Length < length)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }

            if (sb.Length == length)
            {
                break;
            }
        }

        return sb.ToString();
    }
}

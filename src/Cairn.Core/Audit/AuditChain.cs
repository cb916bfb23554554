using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.Audit;

/// <summary>
/// The hash chain over audit events. Each event's hash covers its sequence number, the previous
/// event's hash and every field, each length-prefixed so no two different events serialise alike.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous-hash of the first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Computes the lowercase hex SHA-256 of an event at <paramref name="seq"/> after <paramref name="prevHash"/>.</summary>
    public static string ComputeHash(long seq, string prevHash, AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, seq.ToString(CultureInfo.InvariantCulture));
        Append(hash, prevHash);
        Append(hash, r.OccurredAt.ToString(CultureInfo.InvariantCulture));
        Append(hash, r.Actor);
        Append(hash, r.Project ?? "\0");
        Append(hash, r.Action);
        Append(hash, r.Target);
        Append(hash, r.RequestId);
        Append(hash, r.Outcome);
        Append(hash, r.Status.ToString(CultureInfo.InvariantCulture));
        Append(hash, r.Detail);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}

using System.Numerics;
using System.Security.Cryptography;

namespace Cairn.Guardrails.Pii;

/// <summary>The check digits and checksums that tell a real identifier from a number that only looks like one.</summary>
public static class Checksums
{
    /// <summary>The Luhn (mod 10) check of payment card numbers.</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>ISO 13616's mod-97 check: the first four characters moved to the end, letters as 10–35, remainder 1.</summary>
    public static bool IbanMod97(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            int value;
            if (c is >= '0' and <= '9')
            {
                value = c - '0';
                remainder = ((remainder * 10) + value) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                value = c - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Base58Check (Bitcoin): 25 bytes whose last four are the start of SHA-256(SHA-256(the first 21)); returns the version byte or -1.</summary>
    public static int Base58CheckVersion(ReadOnlySpan<char> text)
    {
        BigInteger value = 0;
        foreach (var c in text)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 58) + digit;
        }

        var leadingZeros = 0;
        while (leadingZeros < text.Length && text[leadingZeros] == '1')
        {
            leadingZeros++;
        }

        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[leadingZeros + body.Length];
        body.CopyTo(bytes, leadingZeros);
        if (bytes.Length != 25)
        {
            return -1;
        }

        var hash = SHA256.HashData(SHA256.HashData(bytes.AsSpan(0, 21)));
        return hash.AsSpan(0, 4).SequenceEqual(bytes.AsSpan(21, 4)) ? bytes[0] : -1;
    }

    private const string Bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>A segwit address (BIP 173 bech32 for version 0, BIP 350 bech32m for later versions) with the given human-readable part.</summary>
    public static bool SegwitAddress(string address, string hrp)
    {
        ArgumentNullException.ThrowIfNull(address);
        var lower = address.ToLowerInvariant();
        if (lower != address && address.ToUpperInvariant() != address)
        {
            return false; // mixed case is invalid
        }

        var separator = lower.LastIndexOf('1');
        if (separator < 1 || lower[..separator] != hrp || lower.Length - separator - 1 < 6 || lower.Length > 90)
        {
            return false;
        }

        var data = new List<int>();
        foreach (var c in lower[(separator + 1)..])
        {
            var v = Bech32Charset.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                return false;
            }

            data.Add(v);
        }

        var values = new List<int>();
        foreach (var c in hrp)
        {
            values.Add(c >> 5);
        }

        values.Add(0);
        foreach (var c in hrp)
        {
            values.Add(c & 31);
        }

        values.AddRange(data);
        var polymod = Polymod(values);
        var version = data[0];
        var constant = version == 0 ? 1u : 0x2bc830a3u;
        if (polymod != constant || version > 16)
        {
            return false;
        }

        // The witness program: 2 to 40 bytes (20 or 32 for version 0), from 5-bit groups without leftover bits.
        var bits = (data.Count - 7) * 5;
        var bytes = bits / 8;
        return bits % 8 < 5 && bytes is >= 2 and <= 40 && (version != 0 || bytes is 20 or 32);
    }

    private static uint Polymod(List<int> values)
    {
        uint[] gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ (uint)v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= gen[i];
                }
            }
        }

        return chk;
    }
}

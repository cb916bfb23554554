using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Cairn.Guardrails.Pii;

/// <summary>The built-in recognizers: each a pattern, a validator and context words in English, French, Spanish and German (PERSON: word lists and rules).</summary>
public static class Recognizers
{
    public static IReadOnlyList<IPiiRecognizer> All { get; } =
    [
        Email(), CreditCard(), Iban(), UsSsn(), IpV4(), IpV6(), MacAddress(), Url(), Bitcoin(), DateOfBirth.Recognizer(), new PhoneNumbers(), new PersonRecognizer(),
    ];

    private static bool Digit(char c) => c is >= '0' and <= '9';

    private static bool WordOrDigit(char c) => char.IsLetterOrDigit(c) || c == '_';

    public static PatternRecognizer Email() => new(
        "EMAIL_ADDRESS", "email (RFC 5322 dot-atom, checked domain)",
        new Regex(@"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}", PatternRecognizer.Options),
        (text, m) =>
        {
            var end = m.Index + m.Length;
            if ((m.Index > 0 && (WordOrDigit(text[m.Index - 1]) || text[m.Index - 1] is '.' or '@' or '-' or '+'))
                || (end < text.Length && (WordOrDigit(text[end]) || text[end] is '@' or '-')))
            {
                return null;
            }

            return Domain(m.Value[(m.Value.LastIndexOf('@') + 1)..]) ? 1.0 : null;
        },
        ["email", "e-mail", "mail", "courriel", "adresse", "correo", "electrónico", "E-Mail", "Mail-Adresse", "contact"],
        text => text.Contains('@', StringComparison.Ordinal),
        windows: text => Windows.Around(text, "@", 64, 256));

    private static bool Domain(string domain) => domain.Split('.').All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-');

    /// <summary>
    /// Payment cards: 13–19 digits (single spaces or hyphens between groups), an issuer's range, and the Luhn check.
    /// A run of digit groups may hold more than a card (an expiry date after it, two cards in a row): every start
    /// and end at a group boundary is tried, the longest card first.
    /// </summary>
    public static IPiiRecognizer CreditCard() => new CardRecognizer();

    private sealed class CardRecognizer : IPiiRecognizer
    {
        public IReadOnlyList<string> Entities { get; } = ["CREDIT_CARD"];

        public IReadOnlyList<string> Context { get; } =
            ["card", "credit", "debit", "visa", "mastercard", "amex", "cc", "carte", "bancaire", "crédit", "tarjeta", "crédito", "débito", "Karte", "Kreditkarte", "Kartennummer"];

        public void Analyze(string text, List<PiiEntity> found)
        {
            foreach (var (start, length) in Windows.RunsFrom(text, Windows.Digits, Windows.CardCharacters, 12, r => Windows.Count(r, Digit) >= 12))
            {
                var end = start + length;
                while (end > start && !Digit(text[end - 1]))
                {
                    end--;
                }

                if ((start > 0 && char.IsLetter(text[start - 1])) || (end < text.Length && char.IsLetter(text[end])))
                {
                    continue;
                }

                var s = start;
                while (s < end)
                {
                    var len = CardLength(text, s, end - s);
                    if (len > 0)
                    {
                        found.Add(new PiiEntity("CREDIT_CARD", s, s + len, 1.0, "credit card (issuer range and Luhn)"));
                        s += len;
                    }
                    else
                    {
                        // the next group
                        while (s < end && Digit(text[s]))
                        {
                            s++;
                        }
                    }

                    while (s < end && !Digit(text[s]))
                    {
                        s++;
                    }
                }
            }
        }
    }

    private static bool Card(string digits) =>
        digits.Length is >= 12 and <= 19 && Issuer(digits) && Checksums.Luhn(digits) && digits.Distinct().Count() > 1;

    /// <summary>
    /// Where a card number ends inside a run of digit groups: the run itself, or the longest prefix made of whole
    /// groups that is a card ("4111 1111 1111 1111 12/27": the expiry month follows the number).
    /// </summary>
    public static int CardLength(string text, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var run = text.AsSpan(start, Math.Min(length, 40)); // 19 digits and their separators at most
        for (var end = run.Length; end > 0; end--)
        {
            if ((end < run.Length && !(run[end] is ' ' or '-')) || (end == run.Length && run.Length < length && !(text[start + end] is ' ' or '-')) || !Digit(run[end - 1]))
            {
                continue;
            }

            var piece = run[..end].ToString();
            var digits = new string(piece.Where(Digit).ToArray());
            if (piece.Where(c => c is ' ' or '-').Distinct().Count() <= 1 && Card(digits))
            {
                return end;
            }
        }

        return 0;
    }

    /// <summary>Issuer identification number ranges of the major networks, with the lengths each issues.</summary>
    public static bool Issuer(string d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Length < 6)
        {
            return false;
        }

        int P(int n) => int.Parse(d.AsSpan(0, n), CultureInfo.InvariantCulture);
        var len = d.Length;
        return (d[0] == '4' && len is 13 or 16 or 19)                                             // Visa
            || ((P(2) is >= 51 and <= 55 || P(4) is >= 2221 and <= 2720) && len == 16)            // Mastercard
            || (P(2) is 34 or 37 && len == 15)                                                     // American Express
            || ((P(4) == 6011 || P(3) is >= 644 and <= 649 || P(2) == 65 || P(6) is >= 622126 and <= 622925) && len is >= 16 and <= 19) // Discover
            || ((P(3) is >= 300 and <= 305 || P(2) is 36 or 38 or 39) && len is >= 14 and <= 19)  // Diners Club
            || (P(4) is >= 3528 and <= 3589 && len is >= 16 and <= 19)                            // JCB
            || (P(2) == 62 && len is >= 16 and <= 19)                                              // UnionPay
            || ((P(2) is 50 or (>= 56 and <= 69)) && len is >= 13 and <= 19)                      // Maestro (its 12-digit cards are too like other numbers)
            || (P(4) is >= 2200 and <= 2204 && len == 16);                                         // Mir
    }

    /// <summary>IBANs: a country's length from the SWIFT registry and the mod-97 check; groups of four may be spaced.</summary>
    public static PatternRecognizer Iban() => new(
        "IBAN_CODE", "IBAN (registry length and mod 97)",
        new Regex(@"[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?", PatternRecognizer.Options),
        (text, m) =>
        {
            if (PatternRecognizer.Embedded(text, m, WordOrDigit))
            {
                return null;
            }

            var iban = m.Value.Replace(" ", "", StringComparison.Ordinal);
            return IbanLengths.TryGetValue(iban[..2], out var length) && iban.Length == length && Checksums.IbanMod97(iban) ? 1.0 : null;
        },
        ["iban", "bank", "account", "compte", "bancaire", "cuenta", "bancaria", "Konto", "Bankverbindung", "Kontonummer"],
        windows: text => Windows.RunsFrom(text, Windows.UpperOrDigits, Windows.IbanCharacters, 15, r => Windows.Count(r, Digit) >= 2));

    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28,
        ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18,
        ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20,
        ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28,
        ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26,
        ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    };

    /// <summary>US Social Security numbers: never area 000, 666 or 900–999, group 00 or serial 0000, nor the numbers published as examples.</summary>
    public static PatternRecognizer UsSsn() => new(
        "US_SSN", "US SSN (SSA's assignment rules)",
        new Regex(@"[0-9]{3}([- ]?)[0-9]{2}([- ]?)[0-9]{4}", RegexOptions.CultureInvariant),
        (text, m) =>
        {
            var end = m.Index + m.Length;
            if (PatternRecognizer.Embedded(text, m, c => Digit(c) || char.IsLetter(c) || c is '-' or '/' or ':')
                || (m.Index > 0 && text[m.Index - 1] == '.') || (end + 1 < text.Length && text[end] == '.' && Digit(text[end + 1])))
            {
                return null;
            }

            if (m.Groups[1].Value != m.Groups[2].Value)
            {
                return null; // "123-45 6789": mixed separators
            }

            var d = new string(m.Value.Where(Digit).ToArray());
            int area = int.Parse(d.AsSpan(0, 3), CultureInfo.InvariantCulture), group = int.Parse(d.AsSpan(3, 2), CultureInfo.InvariantCulture), serial = int.Parse(d.AsSpan(5, 4), CultureInfo.InvariantCulture);
            if (area is 0 or 666 or >= 900 || group == 0 || serial == 0 || d is "078051120" or "219099999" or "123456789" || d.Distinct().Count() == 1)
            {
                return null;
            }

            return m.Groups[1].Value.Length > 0 ? 0.85 : 0.3; // nine bare digits are anything until context says otherwise
        },
        ["ssn", "social security", "social", "security", "SSN#", "numéro de sécurité sociale", "seguro social", "Sozialversicherungsnummer"],
        windows: text => Windows.RunsFrom(text, Windows.Digits, Windows.CardCharacters, 9, r => Windows.Count(r, Digit) >= 9));

    public static PatternRecognizer IpV4() => new(
        "IP_ADDRESS", "IPv4 (four octets up to 255)",
        new Regex(@"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(/[0-9]{1,2})?", PatternRecognizer.Options),
        (text, m) =>
        {
            var end = m.Index + m.Length;
            if ((m.Index > 0 && (char.IsLetterOrDigit(text[m.Index - 1]) || text[m.Index - 1] == '.'))
                || (end < text.Length && char.IsLetterOrDigit(text[end]))
                || (end + 1 < text.Length && text[end] == '.' && Digit(text[end + 1])))
            {
                return null;
            }

            var parts = m.Value.Split('/');
            if (parts.Length > 1 && int.Parse(parts[1], CultureInfo.InvariantCulture) > 32)
            {
                return null;
            }

            var address = parts[0];
            var octets = address.Split('.');
            if (octets.Any(o => o.Length > 1 && o[0] == '0') || octets.Any(o => int.Parse(o, CultureInfo.InvariantCulture) > 255))
            {
                return null;
            }

            return VersionBefore(text, m.Index) ? null : 0.9;
        },
        ["ip", "address", "host", "server", "adresse", "dirección", "Adresse", "IP-Adresse"],
        text => text.Contains('.', StringComparison.Ordinal),
        windows: text => Windows.Runs(text, Windows.IpV4Characters, 7, r => Windows.Count(r, c => c == '.') >= 3));

    public static PatternRecognizer IpV6() => new(
        "IP_ADDRESS", "IPv6 (parsed)",
        new Regex(@"[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:(?:[0-9A-Fa-f:.]*[0-9A-Fa-f:])?", PatternRecognizer.Options),
        (text, m) =>
        {
            var value = m.Value.TrimEnd('.', ':');
            var after = m.Index + m.Length;
            if (value.Length < 3 || value.Count(c => c == ':') < 2 || (m.Index > 0 && (char.IsLetterOrDigit(text[m.Index - 1]) || text[m.Index - 1] == ':'))
                || (after < text.Length && (char.IsLetterOrDigit(text[after]) || text[after] == '_'))
                || value.Split(':', StringSplitOptions.RemoveEmptyEntries).Length < 2)
            {
                return null;
            }

            return IPAddress.TryParse(value, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && (value.Contains("::", StringComparison.Ordinal) || value.Count(c => c == ':') >= 7)
                ? 0.9 : null;
        },
        ["ip", "ipv6", "address", "host", "adresse", "dirección", "Adresse"],
        text => text.Contains("::", StringComparison.Ordinal) || text.AsSpan().Count(':') >= 7,
        windows: text => Windows.Runs(text, Windows.IpV6Characters, 3, r => Windows.Count(r, c => c == ':') >= 2));

    // The word just before (skipping ':' and '='): a version string, release or build number, or an OID, is not an address.
    private static bool VersionBefore(string text, int index)
    {
        var start = Math.Max(0, index - 24);
        var words = text[start..index].ToLowerInvariant().Split([' ', '\t', ':', '=', '(', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words[^1].TrimEnd('.') is "v" or "ver" or "version" or "versión" or "release" or "build" or "oid" or "firmware" or "fw";
    }

    public static PatternRecognizer MacAddress() => new(
        "MAC_ADDRESS", "MAC address (six octets, one separator)",
        new Regex(@"[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}", PatternRecognizer.Options),
        (text, m) => PatternRecognizer.Embedded(text, m, c => char.IsLetterOrDigit(c) || c is ':' or '-') ? null : 0.9,
        ["mac", "hardware", "ethernet", "wifi", "adresse MAC", "dirección MAC", "MAC-Adresse"],
        text => text.AsSpan().IndexOfAny(':', '-', '.') >= 0,
        windows: text => Windows.Runs(text, Windows.MacCharacters, 14));

    public static PatternRecognizer Url() => new(
        "URL", "URL (scheme or www., parsed)",
        new Regex(@"((https?|ftp)://|www\.)[^\s<>""'`]*[^\s<>""'`.,;:!?)\]}]", PatternRecognizer.Options | RegexOptions.IgnoreCase),
        (text, m) =>
        {
            var value = m.Value;
            var uri = value.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + value : value;
            return Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.Host.Contains('.', StringComparison.Ordinal) ? 0.85 : null;
        },
        ["url", "link", "website", "site", "lien", "enlace", "sitio", "Link", "Webseite"],
        text => text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase),
        windows: text => Windows.Runs(text, Windows.NotWhitespace, 8, r => r.Span.Contains("://".AsSpan(), StringComparison.Ordinal) || r.Span.Contains("www.".AsSpan(), StringComparison.OrdinalIgnoreCase)));

    public static PatternRecognizer Bitcoin() => new(
        "CRYPTO", "Bitcoin address (Base58Check or bech32/bech32m)",
        new Regex(@"[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{6,87}|BC1[02-9AC-HJ-NP-Z]{6,87}", PatternRecognizer.Options),
        (text, m) =>
        {
            if (PatternRecognizer.Embedded(text, m, WordOrDigit))
            {
                return null;
            }

            if (m.Value.StartsWith("bc1", StringComparison.OrdinalIgnoreCase))
            {
                return Checksums.SegwitAddress(m.Value, "bc") ? 1.0 : null;
            }

            return Checksums.Base58CheckVersion(m.Value) is 0x00 or 0x05 ? 1.0 : null;
        },
        ["bitcoin", "btc", "wallet", "crypto", "portefeuille", "cartera", "billetera", "Wallet", "Adresse"],
        windows: text => Windows.Runs(text, Windows.AsciiAlphanumerics, 14, r => r.Span[0] is '1' or '3' || r.Span.StartsWith("bc1".AsSpan(), StringComparison.OrdinalIgnoreCase)));
}

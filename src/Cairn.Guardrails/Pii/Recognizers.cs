using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Cairn.Guardrails.Pii;

/// <summary>The built-in recognizers: each a pattern, a validator and context words in English, French, Spanish and German.</summary>
public static class Recognizers
{
    public static IReadOnlyList<IPiiRecognizer> All { get; } =
    [
        Email(), CreditCard(), Iban(), UsSsn(), IpV4(), IpV6(), MacAddress(), Url(), Bitcoin(), DateOfBirth.Recognizer(), new PhoneNumbers(),
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

    /// <summary>Payment cards: 13–19 digits (single spaces or hyphens between groups), an issuer's range, and the Luhn check.</summary>
    public static PatternRecognizer CreditCard() => new(
        "CREDIT_CARD", "credit card (issuer range and Luhn)",
        new Regex(@"[0-9](?:[ -]?[0-9]){11,18}", PatternRecognizer.Options),
        (text, m) =>
        {
            if (PatternRecognizer.Embedded(text, m, c => Digit(c) || char.IsLetter(c)))
            {
                return null;
            }

            var separators = m.Value.Where(c => c is ' ' or '-').Distinct().Count();
            var digits = new string(m.Value.Where(Digit).ToArray());
            return separators <= 1 && digits.Length is >= 12 and <= 19 && Issuer(digits) && Checksums.Luhn(digits) && digits.Distinct().Count() > 1 ? 1.0 : null;
        },
        ["card", "credit", "debit", "visa", "mastercard", "amex", "cc", "carte", "bancaire", "crédit", "tarjeta", "crédito", "débito", "Karte", "Kreditkarte", "Kartennummer"],
        windows: text => Windows.RunsFrom(text, Windows.Digits, Windows.CardCharacters, 12, r => Windows.Count(r, Digit) >= 12));

    /// <summary>Issuer identification number ranges of the major networks, with the lengths each issues.</summary>
    public static bool Issuer(string d)
    {
        ArgumentNullException.ThrowIfNull(d);
        int P(int n) => int.Parse(d.AsSpan(0, n), CultureInfo.InvariantCulture);
        var len = d.Length;
        return (d[0] == '4' && len is 13 or 16 or 19)                                             // Visa
            || ((P(2) is >= 51 and <= 55 || P(4) is >= 2221 and <= 2720) && len == 16)            // Mastercard
            || (P(2) is 34 or 37 && len == 15)                                                     // American Express
            || ((P(4) == 6011 || P(3) is >= 644 and <= 649 || P(2) == 65 || P(6) is >= 622126 and <= 622925) && len is >= 16 and <= 19) // Discover
            || ((P(3) is >= 300 and <= 305 || P(2) is 36 or 38 or 39) && len is >= 14 and <= 19)  // Diners Club
            || (P(4) is >= 3528 and <= 3589 && len is >= 16 and <= 19)                            // JCB
            || (P(2) == 62 && len is >= 16 and <= 19)                                              // UnionPay
            || ((P(2) is 50 or (>= 56 and <= 69)) && len is >= 12 and <= 19)                      // Maestro
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

            var address = m.Value.Split('/')[0];
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
        new Regex(@"[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*", PatternRecognizer.Options),
        (text, m) =>
        {
            var value = m.Value.TrimEnd('.', ':');
            if (value.Length < 3 || value.Count(c => c == ':') < 2 || (m.Index > 0 && (char.IsLetterOrDigit(text[m.Index - 1]) || text[m.Index - 1] == ':')))
            {
                return null;
            }

            return IPAddress.TryParse(value, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && (value.Contains("::", StringComparison.Ordinal) || value.Count(c => c == ':') >= 7)
                ? 0.9 : null;
        },
        ["ip", "ipv6", "address", "host", "adresse", "dirección", "Adresse"],
        text => text.Contains("::", StringComparison.Ordinal) || text.AsSpan().Count(':') >= 7,
        windows: text => Windows.Runs(text, Windows.IpV6Characters, 3, r => Windows.Count(r, c => c == ':') >= 2));

    private static bool VersionBefore(string text, int index)
    {
        var start = Math.Max(0, index - 16);
        var before = text[start..index].ToLowerInvariant();
        return before.TrimEnd().EndsWith('v') || before.Contains("version", StringComparison.Ordinal) || before.Contains("release", StringComparison.Ordinal)
            || before.Contains("build", StringComparison.Ordinal) || before.Contains("v.", StringComparison.Ordinal) || before.Contains("oid", StringComparison.Ordinal);
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

using Cairn.Guardrails.Pii;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>
/// Positives are identifiers valid by their published definitions (card networks' test numbers, the IBAN
/// registry's examples, BIP 173/350 vectors, the Bitcoin genesis address); negatives are look-alikes that fail
/// a checksum, a range or a context rule.
/// </summary>
public sealed class RecognizerTests
{
    private static List<(string Type, string Text)> Find(string text) =>
        PiiAnalyzer.Default.Analyze(text).Select(e => (e.Type, text[e.Start..e.End])).ToList();

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4012888888881881")]
    [InlineData("5555555555554444")]
    [InlineData("2223000048400011")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("30569309025904")]
    [InlineData("3530111333300000")]
    [InlineData("6200000000000005")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("5555-5555-5555-4444")]
    public void Card_numbers_of_every_network_are_found(string card) =>
        Assert.Equal([("CREDIT_CARD", card)], Find($"Please charge {card} today."));

    [Theory]
    [InlineData("Order #4111111111111112 shipped")]        // fails Luhn
    [InlineData("Tracking 1234567812345678 is late")]       // fails Luhn
    [InlineData("ref 9111111111111111 noted")]              // no issuer starts with 9
    [InlineData("call 4111-1111 1111-1111")]                // mixed separators
    public void Look_alike_numbers_are_not_cards(string text) => Assert.DoesNotContain(Find(text), e => e.Type == "CREDIT_CARD");

    [Theory]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89370400440532013000")]
    [InlineData("FR1420041010050500013M02606")]
    public void Ibans_are_found(string iban) => Assert.Equal([("IBAN_CODE", iban)], Find($"IBAN: {iban}."));

    [Theory]
    [InlineData("GB82WEST12345698765433")]   // mod 97 fails
    [InlineData("DE8937040044053201300")]    // one character short for DE
    public void Ibans_failing_their_checks_are_not_found(string iban) => Assert.DoesNotContain(Find($"IBAN: {iban}"), e => e.Type == "IBAN_CODE");

    [Fact]
    public void Social_security_numbers_follow_the_assignment_rules()
    {
        Assert.Equal([("US_SSN", "536-22-1234")], Find("My SSN is 536-22-1234."));
        Assert.Equal([("US_SSN", "536221234")], Find("SSN: 536221234"));
        Assert.Empty(Find("Invoice 536221234 is paid."));          // nine bare digits, no context
        Assert.Empty(Find("SSN 666-12-3456"));                        // area 666 is never assigned
        Assert.Empty(Find("SSN 900-12-3456"));                        // nor 900-999
        Assert.Empty(Find("SSN 536-00-1234"));                        // group 00
        Assert.Empty(Find("SSN 078-05-1120"));                        // the Woolworth wallet card
    }

    [Fact]
    public void Addresses_are_parsed_and_versions_and_times_are_left_alone()
    {
        Assert.Equal([("IP_ADDRESS", "192.168.1.10")], Find("Connect to 192.168.1.10 now"));
        Assert.Equal([("IP_ADDRESS", "2001:db8::1")], Find("host 2001:db8::1 is up"));
        Assert.Equal([("IP_ADDRESS", "fe80::1ff:fe23:4567:890a")], Find("link-local fe80::1ff:fe23:4567:890a"));
        Assert.Empty(Find("256.1.1.1 is not an address"));
        Assert.Empty(Find("Upgrade to version 1.2.3.4 today"));
        Assert.Empty(Find("The meeting is at 12:30:45 sharp"));
        Assert.Equal([("MAC_ADDRESS", "00:1A:2B:3C:4D:5E")], Find("MAC 00:1A:2B:3C:4D:5E"));
        Assert.Equal([("MAC_ADDRESS", "0011.2233.4455")], Find("switch port 0011.2233.4455"));
    }

    [Fact]
    public void Emails_and_urls_are_found_without_their_punctuation()
    {
        Assert.Equal([("EMAIL_ADDRESS", "john.doe@example.co.uk")], Find("Write to john.doe@example.co.uk."));
        Assert.Empty(Find("user@localhost is local"));
        Assert.Equal([("URL", "https://example.com/a?b=1")], Find("See https://example.com/a?b=1."));
        Assert.Equal([("URL", "www.example.org")], Find("(www.example.org)"));
    }

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]                                                  // the genesis block's address
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")]                                          // BIP 173
    [InlineData("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y")]          // BIP 350 (bech32m, version 1)
    [InlineData("BC1SW50QGDZ25J")]                                                                       // BIP 350, version 16
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs")]                                                 // BIP 350, version 2
    public void Bitcoin_addresses_pass_their_checksums(string address) => Assert.Equal([("CRYPTO", address)], Find($"send to {address} please"));

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")]    // checksum broken
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")]
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj")]    // version 2 with a bech32 (not bech32m) checksum: invalid since BIP 350
    public void Broken_bitcoin_addresses_are_not_found(string address) => Assert.DoesNotContain(Find($"send to {address}"), e => e.Type == "CRYPTO");

    [Fact]
    public void A_date_is_a_birth_date_only_with_a_birth_word_in_any_of_four_languages()
    {
        Assert.Equal([("DATE_OF_BIRTH", "1985-04-12")], Find("Date of birth: 1985-04-12"));
        Assert.Equal([("DATE_OF_BIRTH", "12 avril 1985")], Find("Elle est née le 12 avril 1985 à Lyon."));
        Assert.Equal([("DATE_OF_BIRTH", "12 de abril de 1985")], Find("Fecha de nacimiento: 12 de abril de 1985"));
        Assert.Equal([("DATE_OF_BIRTH", "12.04.1985")], Find("Geboren am 12.04.1985 in Köln"));
        Assert.Equal([("DATE_OF_BIRTH", "April 12, 1985")], Find("She was born on April 12, 1985."));
        Assert.Empty(Find("The invoice is due on 2024-04-12."));
        Assert.Empty(Find("Born on 1985-02-30"));   // no 30 February
    }

    [Fact]
    public void Hostile_input_neither_hangs_nor_throws()
    {
        string[] texts = ["", new string('1', 100_000), string.Concat(Enumerable.Repeat("a@", 20_000)), "\ud800\udc00\ud800", string.Concat(Enumerable.Repeat("1.", 30_000))];
        foreach (var t in texts)
        {
            _ = PiiAnalyzer.Default.Analyze(t);
        }
    }

    [Fact]
    public void Anonymizers_replace_redact_and_mask()
    {
        const string text = "Card 4111111111111111, mail john@example.com";
        var entities = PiiAnalyzer.Default.Analyze(text);
        Assert.Equal("Card <CREDIT_CARD>, mail <EMAIL_ADDRESS>", Anonymizer.Anonymize(text, entities, new Dictionary<string, AnonymizeOperator>()));
        Assert.Equal("Card ************1111, mail ", Anonymizer.Anonymize(text, entities, new Dictionary<string, AnonymizeOperator>
        {
            ["CREDIT_CARD"] = new("mask", KeepLast: 4), ["EMAIL_ADDRESS"] = new("redact"),
        }));
    }
}

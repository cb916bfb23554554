using Cairn.Guardrails.Pii;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>Cases an independent review found: numbers next to numbers, words inside words, and inputs with very many matches.</summary>
public sealed class ReviewFindingTests
{
    private static List<(string Type, string Text)> Find(string text) =>
        PiiAnalyzer.Default.Analyze(text).Select(e => (e.Type, text[e.Start..e.End])).ToList();

    [Fact]
    public void Cards_next_to_other_digits_are_still_found()
    {
        Assert.Contains(("CREDIT_CARD", "4111 1111 1111 1111"), Find("Card 4111 1111 1111 1111 12/27 123"));
        var two = Find("cards 4111111111111111 4012888888881881");
        Assert.Equal([("CREDIT_CARD", "4111111111111111"), ("CREDIT_CARD", "4012888888881881")], two);
        Assert.Empty(Find("FedEx tracking 612345678900"));   // twelve digits: not a card
    }

    [Fact]
    public void Phones_run_together_are_split_and_look_alikes_stay_out()
    {
        Assert.Equal([("PHONE_NUMBER", "0612345678"), ("PHONE_NUMBER", "0698765432")], Find("Tel: 0612345678 0698765432"));
        Assert.Equal([("PHONE_NUMBER", "+44 20 7946 0958"), ("PHONE_NUMBER", "+44 20 7946 0959")], Find("+44 20 7946 0958 / +44 20 7946 0959"));
        Assert.Equal([("PHONE_NUMBER", "(+44) 20 7946 0958")], Find("ring (+44) 20 7946 0958"));
        Assert.Empty(Find("Order number 7234567890"));
        Assert.Empty(Find("Invoice number: 0123456789"));
        Assert.Empty(Find("Call scheduled 2023-12-25 09:00"));
        Assert.Empty(Find("hotel room 0612345678"));
    }

    [Fact]
    public void Birth_and_version_words_count_only_as_whole_words()
    {
        Assert.Empty(Find("Adobe Reader update 12/05/2023"));
        Assert.Empty(Find("Le rapport généré le 12/05/2023"));
        Assert.Equal([("PERSON", "Osborne")], Find("Mr Osborne, 12 March 2020")); // a person, not a birth date
        Assert.Equal([("IP_ADDRESS", "10.0.0.1")], Find("Android device at 10.0.0.1"));
        Assert.Equal([("IP_ADDRESS", "10.0.0.1")], Find("building 10.0.0.1"));
        Assert.Empty(Find("release 10.0.0.1 is out"));
        Assert.Empty(Find("route 10.0.0.1/99"));
        Assert.Empty(Find("throws std::bad_alloc when"));
    }

    [Fact]
    public void A_megabyte_of_matches_is_analyzed_and_anonymized_in_linear_time()
    {
        // 125,000 addresses (spaced) and 125,000 without whitespace between them: overlap resolution, context
        // look-back and anonymization must not be quadratic (this ran for minutes before).
        var spaced = string.Concat(Enumerable.Repeat("1.1.1.1 ", 125_000));
        var packed = string.Concat(Enumerable.Repeat("1.1.1.1,", 125_000));
        var found = PiiAnalyzer.Default.Analyze(spaced);
        Assert.Equal(125_000, found.Count);
        Assert.StartsWith("<IP_ADDRESS> <IP_ADDRESS>", Anonymizer.Anonymize(spaced, found, new Dictionary<string, AnonymizeOperator>()), StringComparison.Ordinal);
        Assert.Equal(125_000, PiiAnalyzer.Default.Analyze(packed).Count);
    }
}

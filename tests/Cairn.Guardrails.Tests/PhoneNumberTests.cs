using Cairn.Guardrails.Pii;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>Phone numbers by the numbering plans of six countries; look-alikes (orders, dates, times, codes) stay unflagged.</summary>
public sealed class PhoneNumberTests
{
    private static List<string> Phones(string text) =>
        PiiAnalyzer.Default.Analyze(text).Where(e => e.Type == "PHONE_NUMBER").Select(e => text[e.Start..e.End]).ToList();

    [Theory]
    [InlineData("+1 212-555-0143")]          // NANP: area 212, exchange 555
    [InlineData("(415) 555 2671")]
    [InlineData("+44 20 7946 0958")]         // UK London
    [InlineData("+44 (0)20 7946 0958")]      // the trunk prefix written in an international number
    [InlineData("07700 900123")]             // UK mobile
    [InlineData("+234 803 123 4567")]        // Nigeria mobile (803)
    [InlineData("0803 123 4567")]
    [InlineData("+49 30 12345678")]          // Berlin
    [InlineData("0151 23456789")]            // German mobile (151)
    [InlineData("+33 6 12 34 56 78")]        // French mobile
    [InlineData("01 23 45 67 89")]           // Paris
    [InlineData("+91 98765 43210")]          // Indian mobile
    [InlineData("011 2345 6789")]            // Delhi
    [InlineData("+61 2 9374 4000")]          // E.164 elsewhere: Australia
    [InlineData("+81 3-1234-5678")]          // Japan
    public void Numbers_of_six_plans_are_found_after_a_context_word(string number) =>
        Assert.Equal([number], Phones($"Please call me on {number} tomorrow."));

    [Theory]
    [InlineData("Order 20240412-7781 shipped")]        // order number
    [InlineData("Meeting on 2024-04-12 at 10:30")]     // date and time
    [InlineData("version 10.2.3.4567 is out")]          // version string
    [InlineData("call 211-555-0143")]                   // 211 is not an area code (nor an Indian mobile, which start 6-9)
    [InlineData("call +1 212-155-0143")]                // exchange codes do not start with 1
    [InlineData("call +44 60 7946 0958")]               // no UK number starts with 6
    [InlineData("call +33 0 12 34 56 78")]              // no French number starts with 0 after +33
    [InlineData("call 0601 23 45 67 89 12")]            // too long for any plan
    [InlineData("PIN 1234567")]
    public void Look_alikes_are_not_phone_numbers(string text) => Assert.Empty(Phones(text));

    [Fact]
    public void A_bare_national_number_needs_a_context_word()
    {
        Assert.Empty(Phones("Reference 0803 123 4567 is closed."));
        Assert.Equal(["0803 123 4567"], Phones("Téléphone : 0803 123 4567"));
        Assert.Equal(["+234 803 123 4567"], Phones("Reference +234 803 123 4567 is closed."));
    }
}

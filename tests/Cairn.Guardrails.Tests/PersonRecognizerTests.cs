using System.Diagnostics;
using Cairn.Guardrails.Pii;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>
/// PERSON by word lists and rules: names of many languages with exact spans (a title is not part of the span),
/// capitalised look-alikes that stay unflagged, context lifting a lone given name, and inputs built to be slow.
/// </summary>
public sealed class PersonRecognizerTests
{
    private static List<(string Type, string Text)> Find(string text) =>
        PiiAnalyzer.Default.Analyze(text).Select(e => (e.Type, text[e.Start..e.End])).ToList();

    [Theory]
    [InlineData("Please contact John Smith about the invoice.", "John Smith")]
    [InlineData("Dear Mr. Thompson, thanks for your order.", "Thompson")]
    [InlineData("Meet Dr. María de la Cruz at noon.", "María de la Cruz")]
    [InlineData("Jean-Pierre Dubois a signé le contrat.", "Jean-Pierre Dubois")]
    [InlineData("Rendez-vous avec Mme Lefèvre demain.", "Lefèvre")]
    [InlineData("El Sr. García llamó ayer.", "García")]
    [InlineData("Sehr geehrte Frau Schneider, vielen Dank.", "Schneider")]
    [InlineData("Ludwig van Beethoven wrote nine symphonies.", "Ludwig van Beethoven")]
    [InlineData("Ho parlato con Giulia Bianchi ieri.", "Giulia Bianchi")]
    [InlineData("A reunião com João Oliveira foi adiada.", "João Oliveira")]
    [InlineData("Gesprek met Sanne Jansen om tien uur.", "Sanne Jansen")]
    [InlineData("The form was filled in by Chinedu Okeke.", "Chinedu Okeke")]
    [InlineData("Oluwaseun Adeyemi joined in March.", "Oluwaseun Adeyemi")]
    [InlineData("Priya Sharma joined the team.", "Priya Sharma")]
    [InlineData("Mohammed bin Salman visited the site.", "Mohammed bin Salman")]
    [InlineData("Yesterday Wang Wei called twice.", "Wang Wei")]
    [InlineData("Tanaka Hiroshi arrives on the late train.", "Tanaka Hiroshi")]
    [InlineData("We met Kim Min-jun after lunch.", "Kim Min-jun")]
    [InlineData("Ivan Petrov sent the report.", "Ivan Petrov")]
    [InlineData("Toplantıya Mehmet Yılmaz katıldı.", "Mehmet Yılmaz")]
    [InlineData("Chris O'Neil signed off on it.", "Chris O'Neil")]
    [InlineData("The report is on Anna Schmidt's desk.", "Anna Schmidt")]
    [InlineData("The badge of John F. Kennedy", "John F. Kennedy")]
    [InlineData("Approved by J. Smith on Friday.", "J. Smith")]
    [InlineData("Reviewer: SMITH, John (team lead)", "SMITH, John")]
    [InlineData("Inscrit : Jean DUPONT, Lyon", "Jean DUPONT")]
    [InlineData("Please welcome Will Smith and the crew.", "Will Smith")]
    public void Names_of_many_languages_are_found_with_exact_spans(string text, string name) =>
        Assert.Equal([("PERSON", name)], Find(text));

    [Fact]
    public void Several_names_in_one_text_are_each_found()
    {
        Assert.Equal([("PERSON", "Mehmet Yılmaz"), ("PERSON", "Ayşe Kaya")], Find("Mehmet Yılmaz ve Ayşe Kaya geldi."));
        Assert.Equal([("PERSON", "Leonardo da Vinci"), ("PERSON", "Vincent van Gogh"), ("PERSON", "Charles de Gaulle")],
            Find("Leonardo da Vinci and Vincent van Gogh and Charles de Gaulle"));
        Assert.Equal([("PERSON", "Narendra Modi"), ("PERSON", "Sunita Rao")], Find("Shri Narendra Modi and Smt. Sunita Rao"));
    }

    [Theory]
    [InlineData("Order Number 12345 has shipped.")]
    [InlineData("The Product Manager will call.")]
    [InlineData("We flew to New York on Monday Morning.")]
    [InlineData("Open Visual Studio and Microsoft Teams.")]
    [InlineData("Dear Sir, please find the contract attached.")]
    [InlineData("He lives at 221B Baker Street in London.")]
    [InlineData("Turn into Rue Victor Hugo, then Calle Juan Bravo.")]
    [InlineData("Deutsche Bank and Johns Hopkins University signed.")]
    [InlineData("Lincoln Park and Hyde Park are closed.")]
    [InlineData("Will you join us? May I help? The Grace period ends in June.")]
    [InlineData("Annual Report For The Board Of Directors")]
    [InlineData("Quarterly Revenue Growth exceeded expectations.")]
    [InlineData("Der Vertrag wurde am Montag von der Deutschen Bank unterschrieben.")]
    [InlineData("Le Président de la République a visité Paris et Lyon.")]
    [InlineData("Click Here To Learn More About Our Premium Plans")]
    [InlineData("Dear Hiring Manager,")]
    [InlineData("Please contact Customer Support or the Visual Studio team.")]
    [InlineData("Hello World")]
    [InlineData("Maria called.")]
    [InlineData("ALL CAPS NOTICE: PLEASE READ THE TERMS AND CONDITIONS")]
    public void Capitalised_words_that_are_not_names_stay_unflagged(string text) =>
        Assert.DoesNotContain(Find(text), e => e.Type == "PERSON");

    [Fact]
    public void Context_lifts_a_lone_given_name_or_an_unknown_word()
    {
        Assert.Empty(Find("Maria called."));
        Assert.Equal([("PERSON", "Maria")], Find("Please contact Maria tomorrow."));
        Assert.Equal([("PERSON", "Camille")], Find("Je m'appelle Camille."));
        Assert.Equal([("PERSON", "Sofía")], Find("Hola, me llamo Sofía."));
        Assert.Equal([("PERSON", "Jürgen Weber")], Find("Ich heiße Jürgen Weber."));
        Assert.Equal([("PERSON", "Emma")], Find("Best regards,\nEmma"));
        Assert.Equal([("PERSON", "Grace")], Find("Patient: Grace"));                 // a name and a word: context decides
        Assert.Empty(Find("Xochitl called."));
        Assert.Equal([("PERSON", "Xochitl")], Find("My name is Xochitl."));          // in no list: an introduction decides
        Assert.Equal([("PERSON", "Xochitl Pérez")], Find("Name:\nXochitl Pérez"));
        Assert.Equal([("PERSON", "Zoltan Kovacs")], Find("Employee Zoltan Kovacs started today."));
    }

    [Fact]
    public void Chinese_names_in_han_characters_are_found_after_an_introduction_or_before_an_honorific()
    {
        Assert.Equal([("PERSON", "王小明")], Find("我叫王小明，今天很高兴。"));
        Assert.Equal([("PERSON", "张伟")], Find("Name: 张伟"));
        Assert.Equal([("PERSON", "李")], Find("请联系李先生。"));
        Assert.Empty(Find("今天天气很好。"));
    }

    [Fact]
    public void A_name_inside_an_address_or_identifier_is_that_entity_not_a_person()
    {
        Assert.Equal([("EMAIL_ADDRESS", "john.smith@example.com")], Find("Contact: john.smith@example.com"));
        Assert.Equal([("EMAIL_ADDRESS", "Maria.Garcia@example.com")], Find("Write to Maria.Garcia@example.com today"));
        Assert.Equal([("URL", "https://example.com/John/Smith")], Find("See https://example.com/John/Smith"));
        Assert.Equal([("PERSON", "Laura Schmidt"), ("EMAIL_ADDRESS", "laura.schmidt@example.de")], Find("From: Laura Schmidt <laura.schmidt@example.de>"));
    }

    [Fact]
    public void Person_is_in_the_catalog_and_can_be_asked_for_alone()
    {
        Assert.Contains("PERSON", PiiAnalyzer.Default.Entities);
        Assert.Contains(PiiRequest.Catalog(), e => e!["entity_type"]!.GetValue<string>() == "PERSON" && e["recognizer"]!.GetValue<string>() == PersonRecognizer.Label);
        Assert.Equal(["PERSON"], PiiAnalyzer.Default.Analyze("John Smith, john@example.com", ["PERSON"]).Select(e => e.Type));
        Assert.InRange(NameLists.Sizes["given-names"], 1500, 3000);
        Assert.True(NameLists.Sizes["surnames"] >= 1500);
    }

    [Fact]
    public void A_megabyte_of_capitalised_words_is_analyzed_in_linear_time()
    {
        // One run of 190,000 capitalised words (a heading that never ends), then 80,000 short names.
        var run = string.Concat(Enumerable.Repeat("Alpha Beta Gamma Delta Maria Smith ", 29_000));
        var names = string.Concat(Enumerable.Repeat("Maria Smith. ", 80_000));
        var clock = Stopwatch.StartNew();
        Assert.Empty(PiiAnalyzer.Default.Analyze(run));
        Assert.Equal(80_000, PiiAnalyzer.Default.Analyze(names).Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}

namespace Cairn.Guardrails.Pii;

/// <summary>A piece of personal data found in a text: its type, where it is (UTF-16 offsets), how sure, and why.</summary>
/// <param name="Type">EMAIL_ADDRESS, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS, URL, MAC_ADDRESS, CRYPTO, DATE_OF_BIRTH, PHONE_NUMBER, PERSON, …</param>
/// <param name="Start">First UTF-16 index.</param>
/// <param name="End">One past the last UTF-16 index.</param>
/// <param name="Score">0–1.</param>
/// <param name="Recognizer">What found it, and the validation it passed.</param>
public sealed record PiiEntity(string Type, int Start, int End, double Score, string Recognizer);

/// <summary>Finds entities of some types in a text.</summary>
public interface IPiiRecognizer
{
    /// <summary>The entity types this recognizer reports.</summary>
    IReadOnlyList<string> Entities { get; }

    /// <summary>Words that, shortly before a match, raise its score (any of English, French, Spanish, German).</summary>
    IReadOnlyList<string> Context { get; }

    /// <summary>Adds what it finds in <paramref name="text"/> to <paramref name="found"/>.</summary>
    void Analyze(string text, List<PiiEntity> found);
}

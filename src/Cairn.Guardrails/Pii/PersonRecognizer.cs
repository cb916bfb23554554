using System.Buffers;

namespace Cairn.Guardrails.Pii;

/// <summary>
/// PERSON without a NER model: runs of one to four capitalised words (particles such as van, de and bin and
/// initials allowed inside) scored by word lists of given names, surnames, titles and words that are not
/// names, then lifted by context words. A title before a run, or a known given name with a surname, is enough
/// on its own; a lone given name or an unknown capitalised pair needs a context word ("my name is",
/// "patient", "regards,"). Runs at a sentence start that open with an unknown word, runs next to a street
/// or organisation word, and runs of more than four capitalised words (headings) are not names. Chinese
/// names in Han characters are found after an introduction ("我叫", "姓名：") or before an honorific ("先生").
/// </summary>
public sealed class PersonRecognizer : IPiiRecognizer
{
    /// <summary>How the recognizer names itself in results and in the entity catalog.</summary>
    public const string Label = "person (name lists, titles, context; no NER model)";

    private const int MaxCapitalised = 4;
    private const int MaxMembers = 12;

    // Every ASCII character but A-Z: the scan jumps to the next capital (or non-ASCII character) in vector steps.
    private static readonly SearchValues<char> NotAsciiUpper = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 128).Where(c => c is < 'A' or > 'Z').Select(c => (char)c)));

    public IReadOnlyList<string> Entities { get; } = ["PERSON"];

    public IReadOnlyList<string> Context { get; } =
    [
        "my name is", "name is", "name:", "full name", "first name", "last name", "surname", "signed", "signed by", "regards,", "regards", "sincerely",
        "dear", "contact", "attn", "attention", "patient", "customer", "client", "employee", "from:",
        "je m'appelle", "nom :", "nom:", "prénom", "cordialement", "cher", "chère", "patiente", "salarié", "signé",
        "me llamo", "mi nombre es", "nombre:", "apellido", "atentamente", "saludos", "estimado", "estimada", "paciente", "cliente", "empleado", "firmado",
        "ich heiße", "mein name ist", "vorname", "nachname", "grüße", "grüßen", "geehrte", "geehrter", "kunde", "mitarbeiter", "unterschrieben",
    ];

    public void Analyze(string text, List<PiiEntity> found)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(found);
        var i = 0;
        while (i < text.Length)
        {
            var k = text.AsSpan(i).IndexOfAnyExcept(NotAsciiUpper);
            if (k < 0)
            {
                break;
            }

            var at = i + k;
            i = char.IsUpper(text[at]) && !InsideWord(text, at) ? Run(text, at, found) : at + 1;
        }

        HanNames.Analyze(text, found);
    }

    private static bool InsideWord(string text, int at) =>
        at > 0 && (PersonTokens.IsLetter(text[at - 1]) || char.IsAsciiDigit(text[at - 1])
            || (text[at - 1] is '-' or '\'' or '\u2019' && at > 1 && PersonTokens.IsLetter(text[at - 2])));

    // One run from the capital at 'at': adds it when it scores; returns where the scan goes on.
    private static int Run(string text, int at, List<PiiEntity> found)
    {
        var token = PersonTokens.Read(text, at);
        var resume = token.After;
        var titled = false;
        while (PersonRules.IsTitle(token))
        {
            var after = token.After < text.Length && text[token.After] == '.' ? token.After + 1 : token.After;
            if (Next(text, after) is not { } next)
            {
                return Math.Max(resume, after);
            }

            (titled, token, resume) = (true, next, after);
        }

        Span<NameToken> members = stackalloc NameToken[MaxMembers];
        int count = 0, capitalised = 0;
        NameToken? stopper = null;
        for (var current = token; ;)
        {
            var role = PersonRules.Role(current, capitalised, count > 0 ? members[count - 1] : default, titled);
            if (role == Member.None)
            {
                stopper = current;
                break;
            }

            if (role != Member.Particle || capitalised > 0)
            {
                capitalised += role == Member.Capitalised ? 1 : 0;
                if (count < MaxMembers)
                {
                    members[count++] = current;
                }
            }

            resume = current.After;
            if (current.Possessive || current.UnknownCaps || Next(text, current.After) is not { } next)
            {
                break;
            }

            current = next;
        }

        if (capitalised is 0 or > MaxCapitalised || count == MaxMembers)
        {
            return resume;
        }

        var comma = false;
        if (count == 1 && members[0].Shape == TokenShape.AllCaps && members[0].Surname && Comma(text, members[0].After) is { } given)
        {
            (members[count++], comma, resume) = (given, true, given.After); // "DUPONT, Jean"
        }

        var span = PersonRules.Trim(members[..count], text, titled);
        if (span.IsEmpty || PersonRules.Placed(text, span, stopper, titled))
        {
            return resume;
        }

        var score = titled || comma ? 0.85 : PersonRules.Score(span);
        if (score < 0.6 && PersonRules.IntroducedAt(text, span[0].Start))
        {
            score = 0.6; // "My name is Xochitl": any capitalised run after an introduction
        }

        if (score > 0)
        {
            found.Add(new PiiEntity("PERSON", span[0].Start, span[^1].End, score, Label));
        }

        return resume;
    }

    // The next word, when a single space separates it from 'at'.
    private static NameToken? Next(string text, int at) =>
        at + 1 < text.Length && text[at] is ' ' or '\u00a0' && PersonTokens.IsLetter(text[at + 1]) ? PersonTokens.Read(text, at + 1) : null;

    private static NameToken? Comma(string text, int at) =>
        at + 2 < text.Length && text[at] == ',' && Next(text, at + 1) is { Shape: TokenShape.Word, Given: true } given ? given : null;
}

using System.Collections.Frozen;

namespace Cairn.Guardrails.Pii;

/// <summary>What a word is to a run of name words.</summary>
internal enum Member : byte
{
    None,
    Capitalised,
    Initial,
    Particle,
}

/// <summary>
/// The rules of <see cref="PersonRecognizer"/>: which words join a run, where a run starts and ends, when a
/// place word rules it out, what it scores, and which introductions make any capitalised run a name.
/// </summary>
internal static class PersonRules
{
    // Said right before a name ("My name is Ana", "Nom : Dupont"): any capitalised run after one is a name.
    private static readonly string[] Introductions =
    [
        "my name is", "name is", "name:", "name :", "full name:", "first name:", "last name:", "surname:", "signed:", "signed by", "attn:", "attn.", "c/o",
        "je m'appelle", "je m\u2019appelle", "nom :", "nom:", "prénom :", "prénom:", "nom de famille :", "me llamo", "mi nombre es", "nombre:", "nombre :",
        "apellido:", "apellidos:", "ich heiße", "ich heisse", "mein name ist", "vorname:", "nachname:", "mi chiamo", "meu nome é", "mijn naam is",
        "меня зовут",
    ];

    // The introductions by their last character: most texts end no introduction before a capital, and are done in one look-up.
    private static readonly FrozenDictionary<char, string[]> IntroductionsByLast =
        Introductions.GroupBy(i => i[^1]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    // A title that is also a given name (Don) is read as the name; one that is also a surname (Sheikh, Pan) as the title.
    public static bool IsTitle(NameToken t) =>
        t.Is(NameKind.Title) && !t.Is(NameKind.Given) && (t.Shape == TokenShape.Word || (t.Shape == TokenShape.Initial && t.End == t.Start + 2));

    public static Member Role(NameToken t, int capitalised, NameToken previous, bool titled) => t.Shape switch
    {
        TokenShape.Initial => Member.Initial,
        TokenShape.Particle => capitalised > 0 ? Member.Particle : Member.None,
        TokenShape.Word when t.Named => Member.Capitalised,
        TokenShape.AllCaps when t.Named => t.Ambiguous ? Member.None : Member.Capitalised, // "JOHN SMITH WILL ATTEND"
        TokenShape.Word when t.Is(NameKind.Particle) => Member.Particle,
        TokenShape.Word when !t.Is(NameKind.Stop | NameKind.Place | NameKind.Title) => Member.Capitalised,
        // An unknown all-capitals word is a name only right after a title or a known given name: "Jean DUPONT".
        TokenShape.AllCaps when !t.Is(NameKind.Stop | NameKind.Place | NameKind.Title) && ((titled && capitalised == 0) || previous.Given) => Member.Capitalised,
        _ => Member.None,
    };

    // A capitalised member that is more than a particle ("De" in "Robert De Niro" is only a particle).
    public static bool IsCapital(NameToken t) => t.Shape is TokenShape.Word or TokenShape.AllCaps && (t.Named || !t.Is(NameKind.Particle));

    // Particles and initials do not end a name; a sentence does not open with an unknown word as a name
    // (unless an introduction comes before it: "Name:\nXochitl Pérez"). A lone unknown word scores nothing anyway.
    public static Span<NameToken> Trim(Span<NameToken> m, string text, bool titled)
    {
        var end = m.Length;
        while (end > 0 && !IsCapital(m[end - 1]))
        {
            end--;
        }

        m = m[..end];
        if (!titled && m.Length > 1 && m[0].Shape != TokenShape.Initial && !m[0].Named && SentenceStart(text, m[0].Start) && !IntroducedAt(text, m[0].Start))
        {
            var start = 1;
            while (start < m.Length && m[start].Shape == TokenShape.Particle)
            {
                start++;
            }

            m = m[start..];
        }

        return m;
    }

    public static bool SentenceStart(string text, int at)
    {
        var k = at - 1;
        while (k >= 0 && at - k < 16 && text[k] is ' ' or '\t' or '\u00a0' or '"' or '\'' or '\u201c' or '\u2018' or '\u00ab' or '(' or '[' or '\u00bf' or '\u00a1' or '*' or '\u2022' or '-' or '\u2013' or '\u2014' or '>')
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '\u2026' or '\n' or '\r' or '\u3002' or '\uff01' or '\uff1f';
    }

    // Next to a street, place or organisation word: "Baker Street", "Rue Victor Hugo", "Deutsche Bank", "Lincoln Park".
    public static bool Placed(string text, Span<NameToken> m, NameToken? stopper, bool titled)
    {
        if (stopper is { } s && s.Is(NameKind.Place) && !s.Named && s.Start == m[^1].After + 1)
        {
            return true;
        }

        var last = m[^1];
        if (last.Is(NameKind.Place) && m.Length > 1 && !m[0].Given)
        {
            return true;
        }

        var k = m[0].Start - 2;
        if (titled || k < 0 || text[k + 1] is not (' ' or '\u00a0'))
        {
            return false;
        }

        k -= text[k] == '.' ? 1 : 0;
        var end = k + 1;
        while (k >= 0 && PersonTokens.IsLetter(text[k]))
        {
            k--;
        }

        var before = NameLists.Of(text.AsSpan(k + 1, end - k - 1));
        return (before & NameKind.Place) != 0 && (before & (NameKind.Given | NameKind.Surname | NameKind.Title)) == 0;
    }

    public static double Score(Span<NameToken> m)
    {
        NameToken first = default, last = default;
        int capitalised = 0, unknownCaps = 0;
        foreach (var t in m)
        {
            if (IsCapital(t))
            {
                first = capitalised++ == 0 ? t : first;
                last = t;
                unknownCaps += t.UnknownCaps ? 1 : 0;
            }
        }

        var initialled = m[0].Shape == TokenShape.Initial;
        var score = capitalised switch
        {
            0 => 0,
            1 when initialled => first.Named ? 0.85 : 0.45,
            1 => first.Given ? 0.4 : first.Ambiguous && first.Is(NameKind.Given) ? 0.15 : first.Surname ? 0.3 : 0,
            _ when first.Given => last.Surname ? 0.9 : 0.85,
            _ when first.Ambiguous && first.Is(NameKind.Given) => last.Surname ? 0.85 : 0.3,
            _ when first.Surname => last.Given ? 0.85 : last.Is(NameKind.Surname) ? 0.45 : 0.3, // "Wang Wei", "Tanaka Hiroshi"
            _ when unknownCaps > 0 => 0,
            _ => last.Surname || last.Given ? 0.45 : 0.3,
        };
        return initialled && capitalised > 1 && score < 0.85 && (first.Named || last.Named) ? 0.85 : score;
    }

    /// <summary>Whether an introduction ("my name is", "Nom :", "me llamo") ends right before <paramref name="at"/>.</summary>
    public static bool IntroducedAt(string text, int at)
    {
        var k = at;
        while (k > 0 && text[k - 1] is ' ' or '\t' or '\u00a0' or '\n' or '\r')
        {
            k--;
        }

        if (k == 0 || !IntroductionsByLast.TryGetValue(char.ToLowerInvariant(text[k - 1]), out var candidates))
        {
            return false;
        }

        var from = Math.Max(0, k - 24);
        Span<char> before = stackalloc char[k - from];
        text.AsSpan(from, k - from).ToLowerInvariant(before);
        foreach (var intro in candidates)
        {
            if (before.EndsWith(intro.AsSpan(), StringComparison.Ordinal) && (before.Length == intro.Length || !char.IsLetter(before[^(intro.Length + 1)])))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Frozen;

namespace Cairn.Guardrails.Injection;

/// <summary>
/// Letters that pass for Latin ones (Cyrillic, Greek, small capitals, IPA) and the digits and signs of leetspeak,
/// each with the Latin letter it imitates. Applied by <see cref="InjectionNormalizer"/> only inside words that
/// already hold a Latin letter (homoglyphs) or a letter and a digit (leetspeak), so Greek, Russian and numbers
/// keep their meaning.
/// </summary>
public static class Confusables
{
    // Pairs of look-alike (after lower-casing) and the Latin letter.
    private const string Homoglyphs =
        "аaбbвbгrдdеeёeжxззиuйuкkлnмmнhоoпnрpсcтtуyффхxцuччшwщwъbыыьbэeююяяіiїiјjѕsԁdԛqԝwһhӏlҽeɡgɑaɩiɪiʏyᴀaʙbᴄcᴅdᴇeғfɢgʜhᴊjᴋkʟlᴍmɴnᴏoᴘpʀrꜱsᴛtᴜuᴠvᴡwᴢz" +
        "αaβbγyδdεeζzηnθoιiκkλlμuνvξeοoπnρpσoςcτtυuφoχxψwωwϲcϳj" +
        "ıiȷjſsƖlǀl";

    private static readonly FrozenDictionary<char, char> HomoglyphMap = Pairs(Homoglyphs);

    /// <summary>The Latin letter a look-alike imitates (lower case), or the character itself.</summary>
    public static char Homoglyph(char c) => HomoglyphMap.TryGetValue(c, out var latin) && latin is >= 'a' and <= 'z' ? latin : c;

    /// <summary>True when <paramref name="c"/> is a look-alike of a Latin letter.</summary>
    public static bool IsHomoglyph(char c) => HomoglyphMap.TryGetValue(c, out var latin) && latin is >= 'a' and <= 'z';

    /// <summary>The letter a leetspeak digit or sign stands for, or '\0'.</summary>
    public static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '@' => 'a',
        '$' => 's',
        _ => '\0',
    };

    private static FrozenDictionary<char, char> Pairs(string s)
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < s.Length; i += 2)
        {
            map[s[i]] = s[i + 1];
        }

        return map.ToFrozenDictionary();
    }
}

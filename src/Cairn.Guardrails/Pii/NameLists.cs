using System.Collections.Frozen;

namespace Cairn.Guardrails.Pii;

/// <summary>What a word is to the PERSON recognizer; a word can be several at once (Park: a surname and a place word).</summary>
[Flags]
public enum NameKind : byte
{
    None = 0,

    /// <summary>In the given-name list.</summary>
    Given = 1,

    /// <summary>In the surname list.</summary>
    Surname = 2,

    /// <summary>An honorific written before a name (Mr, Dr, Mme, Herr, Sra).</summary>
    Title = 4,

    /// <summary>A particle inside a family name (van, de, bin).</summary>
    Particle = 8,

    /// <summary>A capitalised word that is not a name (The, Monday, Paris, Manager); with Given or Surname, an ambiguous name (May, Grace, Brown).</summary>
    Stop = 16,

    /// <summary>A street, place or organisation word (Street, Rue, University, GmbH): a run next to one is not a person.</summary>
    Place = 32,
}

/// <summary>
/// The PERSON recognizer's word lists, embedded in the assembly (<c>Pii/Names/*.txt</c>) and read once into a
/// frozen dictionary that is looked up by span, so scanning a text allocates nothing per word.
/// </summary>
public static class NameLists
{
    private static readonly FrozenDictionary<string, NameKind> Words;

    /// <summary>Words by kind, looked up by a span of the text.</summary>
    internal static readonly FrozenDictionary<string, NameKind>.AlternateLookup<ReadOnlySpan<char>> Lookup;

    /// <summary>Chinese family names in Han characters (one or two characters each).</summary>
    internal static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HanSurnames;

    /// <summary>How many distinct entries each list holds (given, surname, title, particle, stop, place, han-surname).</summary>
    public static IReadOnlyDictionary<string, int> Sizes { get; }

    static NameLists()
    {
        var words = new Dictionary<string, NameKind>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string file, NameKind kind, bool capitalisedToo = false)
        {
            var list = Read(file).ToHashSet(StringComparer.Ordinal);
            sizes[file] = list.Count;
            foreach (var w in list)
            {
                words[w] = words.GetValueOrDefault(w) | kind;
                if (capitalisedToo)
                {
                    var upper = string.Concat(char.ToUpperInvariant(w[0]).ToString(), w.AsSpan(1));
                    words[upper] = words.GetValueOrDefault(upper) | kind;
                }
            }
        }

        Add("given-names", NameKind.Given);
        Add("surnames", NameKind.Surname);
        Add("titles", NameKind.Title);
        Add("particles", NameKind.Particle, capitalisedToo: true);
        Add("stop-words", NameKind.Stop);
        Add("places", NameKind.Place);
        Words = words.ToFrozenDictionary(StringComparer.Ordinal);
        Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var han = Read("han-surnames").ToFrozenSet(StringComparer.Ordinal);
        sizes["han-surnames"] = han.Count;
        HanSurnames = han.GetAlternateLookup<ReadOnlySpan<char>>();
        Sizes = sizes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The kinds of a word as written, or <see cref="NameKind.None"/>.</summary>
    public static NameKind Of(ReadOnlySpan<char> word) => Lookup.TryGetValue(word, out var kind) ? kind : NameKind.None;

    // One list: '#' starts a comment line; words are separated by spaces.
    private static IEnumerable<string> Read(string file)
    {
        var name = $"Cairn.Guardrails.Pii.Names.{file}.txt";
        using var stream = typeof(NameLists).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"the resource {name} is missing");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return word;
            }
        }
    }
}

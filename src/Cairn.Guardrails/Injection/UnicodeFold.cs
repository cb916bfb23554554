using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace Cairn.Guardrails.Injection;

/// <summary>
/// Compatibility folding: each code point to its NFKD form without combining marks (fullwidth and mathematical
/// letters to ASCII, ligatures split, accents dropped), from <c>unicode-fold.txt</c>, a table that
/// <c>scripts/make-unicode-fold.py</c> writes from Python's <c>unicodedata</c>. The runtime runs with invariant
/// globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text alone, hence the table.
/// </summary>
public static class UnicodeFold
{
    private static readonly FrozenDictionary<int, string> Table = Load();

    /// <summary>The folded form of a code point, or null when it folds to itself.</summary>
    public static string? Of(int codePoint) => codePoint < 0x80 ? null : Table.GetValueOrDefault(codePoint);

    /// <summary>How many code points the table maps.</summary>
    public static int Count => Table.Count;

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Cairn.Guardrails.Injection.unicode-fold.txt")
            ?? throw new InvalidOperationException("unicode-fold.txt is not embedded");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<int, string>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var from = int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var to = string.Concat(line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => char.ConvertFromUtf32(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            map[from] = to;
        }

        return map.ToFrozenDictionary();
    }
}

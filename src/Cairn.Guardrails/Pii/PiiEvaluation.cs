using System.Text.Json;

namespace Cairn.Guardrails.Pii;

/// <summary>Counts for one entity type: found and labelled (same type, same span), found only, labelled only.</summary>
public sealed record PiiCounts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Entity-level precision, recall and F1 of an analyzer on a labelled set (JSON lines of <c>{"text", "entities":
/// [{"type", "start", "end"}]}</c>, offsets in code points as Python counts): an entity counts when type and span
/// match exactly.
/// </summary>
public static class PiiEvaluation
{
    public static (IReadOnlyDictionary<string, PiiCounts> ByType, PiiCounts Overall) Measure(PiiAnalyzer analyzer, string path)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var counts = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("text").GetString()!;
            var utf16 = Utf16Offsets(text);
            var gold = doc.RootElement.GetProperty("entities").EnumerateArray()
                .Select(e => (Type: e.GetProperty("type").GetString()!, Start: utf16[e.GetProperty("start").GetInt32()], End: utf16[e.GetProperty("end").GetInt32()])).ToHashSet();
            var found = analyzer.Analyze(text).Select(e => (e.Type, e.Start, e.End)).ToHashSet();
            foreach (var g in gold)
            {
                var c = counts.GetValueOrDefault(g.Type);
                counts[g.Type] = found.Contains(g) ? (c.Tp + 1, c.Fp, c.Fn) : (c.Tp, c.Fp, c.Fn + 1);
            }

            foreach (var f in found.Where(f => !gold.Contains(f)))
            {
                var c = counts.GetValueOrDefault(f.Type);
                counts[f.Type] = (c.Tp, c.Fp + 1, c.Fn);
            }
        }

        var byType = counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => new PiiCounts(kv.Value.Tp, kv.Value.Fp, kv.Value.Fn));
        return (byType, new PiiCounts(byType.Values.Sum(c => c.TruePositives), byType.Values.Sum(c => c.FalsePositives), byType.Values.Sum(c => c.FalseNegatives)));
    }

    // Code-point index to UTF-16 index, for every index up to the length.
    private static int[] Utf16Offsets(string text)
    {
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            map.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        map.Add(text.Length);
        return [.. map];
    }
}

using System.Text.RegularExpressions;

namespace Cairn.Guardrails.Injection;

/// <summary>
/// The classifier's view of a normalized text (addresses and links stood in for by the words <c>emailaddress</c> and
/// <c>weblink</c>, so a made-up domain teaches nothing): character 3–5-grams (sublinear counts, L2-normalized) and word
/// unigrams and bigrams (present or not, L2-normalized; each Han character a word), hashed into
/// <see cref="HashedSize"/> buckets by FNV-1a; then a few dense features — which signature categories fired, whether
/// text was decoded or undisguised. A sparse vector of (index, value), indices ascending and distinct.
/// </summary>
public static partial class InjectionFeatures
{
    public const int HashBits = 18;
    public const int HashedSize = 1 << HashBits;

    /// <summary>Dense features after the hashed ones: one per signature category, then decoded, then normalized.</summary>
    public static int DenseCount => InjectionSignatures.Categories.Count + 2;

    public static int Size => HashedSize + DenseCount;

    public static (int[] Index, float[] Value) Extract(string normalized, IReadOnlySet<string> categories, bool decoded, bool disguised)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(categories);
        normalized = Link().Replace(Email().Replace(normalized, "emailaddress"), "weblink");
        var chars = new Dictionary<int, float>();
        var padded = " " + normalized + " ";
        for (var n = 3; n <= 5; n++)
        {
            for (var i = 0; i + n <= padded.Length; i++)
            {
                var key = Hash(padded.AsSpan(i, n), (uint)n);
                chars[key] = chars.GetValueOrDefault(key) + 1;
            }
        }

        var words = new Dictionary<int, float>();
        string? previous = null;
        foreach (var word in Words(normalized))
        {
            words[Hash(word, 7)] = 1;
            if (previous is not null)
            {
                words[Hash((previous + " " + word).AsSpan(), 11)] = 1;
            }

            previous = word;
        }

        var all = new Dictionary<int, float>();
        Add(all, chars, sublinear: true);
        Add(all, words, sublinear: false);
        var dense = HashedSize;
        foreach (var c in InjectionSignatures.Categories)
        {
            if (categories.Contains(c))
            {
                all[dense] = 1;
            }

            dense++;
        }

        if (decoded)
        {
            all[dense] = 1;
        }

        if (disguised)
        {
            all[dense + 1] = 1;
        }

        var index = all.Keys.Order().ToArray();
        return (index, index.Select(k => all[k]).ToArray());
    }

    /// <summary>The words of a normalized text: runs of letters and digits; each Han character alone.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length;)
        {
            if (IsHan(text[i]))
            {
                yield return text[i].ToString();
                i++;
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                var start = i;
                while (i < text.Length && char.IsLetterOrDigit(text[i]) && !IsHan(text[i]))
                {
                    i++;
                }

                yield return text[start..i];
            }
            else
            {
                i++;
            }
        }
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s)\]>""']+", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static void Add(Dictionary<int, float> into, Dictionary<int, float> block, bool sublinear)
    {
        double norm = 0;
        foreach (var v in block.Values)
        {
            var x = sublinear ? 1 + Math.Log(v) : v;
            norm += x * x;
        }

        norm = Math.Sqrt(norm);
        foreach (var (k, v) in block)
        {
            var x = (sublinear ? 1 + Math.Log(v) : v) / norm;
            into[k] = (float)(into.GetValueOrDefault(k) + x);
        }
    }

    private static int Hash(ReadOnlySpan<char> s, uint seed)
    {
        var h = 2166136261u ^ seed;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        h ^= h >> 15;
        h *= 0x2c1b3c6dU;
        h ^= h >> 12;
        return (int)(h & (HashedSize - 1));
    }
}

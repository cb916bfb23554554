using Cairn.Guardrails.Injection;

namespace Cairn.Guardrails.Policies;

/// <summary>
/// Finds deny-topic phrases in a text: both sides normalized as the injection detector reads text (case, accents,
/// look-alikes, spacing and invisible characters undone), matched as whole words (a phrase in a script without
/// spaces, such as Chinese, anywhere), spans reported in the text as sent.
/// </summary>
public static class Topics
{
    public static IEnumerable<(string Topic, int Start, int End)> Find(string text, IReadOnlyList<DenyTopic> topics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(topics);
        var normalized = InjectionNormalizer.Normalize(text);
        var n = normalized.Text;
        var found = new List<(string, int, int)>();
        foreach (var topic in topics)
        {
            foreach (var raw in topic.Phrases)
            {
                var phrase = InjectionNormalizer.Normalize(raw).Text.Trim();
                if (phrase.Length == 0)
                {
                    continue;
                }

                var spaced = char.IsLetterOrDigit(phrase[0]) && phrase[0] < '\u2E80';
                for (var at = n.IndexOf(phrase, StringComparison.Ordinal); at >= 0 && at < n.Length; at = Next(n, phrase, at))
                {
                    var end = at + phrase.Length;
                    if (spaced && ((at > 0 && char.IsLetterOrDigit(n[at - 1])) || (end < n.Length && char.IsLetterOrDigit(n[end]))))
                    {
                        // No whole-word match starts inside this word: go on from its end (linear in the text).
                        var skip = at;
                        while (skip < n.Length && char.IsLetterOrDigit(n[skip]))
                        {
                            skip++;
                        }

                        at = Math.Max(at, skip - 1);
                        continue;
                    }

                    var (s, e) = normalized.Original(at, end);
                    found.Add((topic.Name, s, e));
                    if (found.Count >= 1000)
                    {
                        return found;
                    }
                }
            }
        }

        return found;
    }

    private static int Next(string n, string phrase, int at) => at + 1 >= n.Length ? -1 : n.IndexOf(phrase, at + 1, StringComparison.Ordinal);
}

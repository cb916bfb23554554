namespace Cairn.Evaluation.Text;

/// <summary>
/// Gives each distinct token, and each distinct n-gram of tokens, a small integer, so that n-grams compare and
/// hash as integers. An n-gram's number is derived from its prefix's number and its last token's, so any order
/// works. Not thread-safe: one per worker; numbers are only comparable within one interner.
/// </summary>
public sealed class NGramInterner
{
    private readonly TokenTable _tokens = new();
    private readonly List<int> _tokenIds = [];
    private readonly Dictionary<long, int> _ngrams = [];
    private readonly Dictionary<int, int> _codePoints = [];
    private readonly List<byte> _orders = [0];
    private readonly List<bool> _words = [false];
    private int _next = 1;

    /// <summary>How many numbers have been handed out; callers clear the interner between segments when it grows large.</summary>
    public int Count => _next;

    public void Clear()
    {
        _tokens.Clear();
        _tokenIds.Clear();
        _ngrams.Clear();
        _codePoints.Clear();
        _orders.Clear();
        _orders.Add(0);
        _words.Clear();
        _words.Add(false);
        _next = 1;
    }

    /// <summary>The number of a token.</summary>
    public int Token(ReadOnlySpan<char> token)
    {
        var local = _tokens.Get(token, out var added);
        if (!added)
        {
            return _tokenIds[local];
        }

        var id = _next++;
        _tokenIds.Add(id);
        _orders.Add(1);
        _words.Add(true);
        return id;
    }

    /// <summary>The number of a single code point, for character n-grams.</summary>
    public int CodePoint(int cp)
    {
        if (!_codePoints.TryGetValue(cp, out var id))
        {
            id = _next++;
            _codePoints[cp] = id;
            _orders.Add(1);
            _words.Add(false);
        }

        return id;
    }

    /// <summary>The number of the n-gram made of the n-gram <paramref name="prefix"/> (0 for none) followed by <paramref name="token"/>.</summary>
    public int Extend(int prefix, int token)
    {
        if (prefix == 0)
        {
            return token;
        }

        var key = ((long)prefix << 32) | (uint)token;
        if (!_ngrams.TryGetValue(key, out var id))
        {
            id = _next++;
            _ngrams[key] = id;
            _orders.Add((byte)Math.Min(255, _orders[prefix] + 1));
            _words.Add(_words[prefix]);
        }

        return id;
    }

    /// <summary>The order (number of tokens) of n-gram <paramref name="id"/>.</summary>
    public int Order(int id) => _orders[id];

    /// <summary>Whether n-gram <paramref name="id"/> is made of word tokens (rather than code points).</summary>
    public bool IsWordGram(int id) => _words[id];

    /// <summary>Token numbers of a line split on Python whitespace.</summary>
    public int[] Tokens(string line)
    {
        var ids = new List<int>(32);
        var start = -1;
        for (var i = 0; i <= line.Length; i++)
        {
            var space = i == line.Length || PyText.IsSpace(line[i]);
            if (space)
            {
                if (start >= 0)
                {
                    ids.Add(Token(line.AsSpan(start, i - start)));
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// Counts the n-grams of orders 1..<paramref name="maxOrder"/> of <paramref name="tokens"/> into <paramref name="counts"/>
    /// (n-gram number → count).
    /// </summary>
    public void CountNGrams(int[] tokens, int maxOrder, Dictionary<int, int> counts)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(counts);
        for (var i = 0; i < tokens.Length; i++)
        {
            var id = 0;
            for (var n = 1; n <= maxOrder && i + n <= tokens.Length; n++)
            {
                id = Extend(id, tokens[i + n - 1]);
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
    }
}

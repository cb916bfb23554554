namespace Cairn.Evaluation.Text;

/// <summary>
/// Numbers distinct tokens looked up by span, without allocating a string per token: an open-addressing table
/// over a pool of the tokens' characters. Numbers start at <see cref="First"/> and are dense. Not thread-safe.
/// </summary>
public sealed class TokenTable(int first = 0)
{
    private char[] _pool = new char[4096];
    private int _poolUsed;
    private int[] _slots = new int[1024];
    private (int Offset, int Length, int Hash)[] _tokens = new (int, int, int)[512];

    public int First { get; } = first;

    /// <summary>How many distinct tokens are numbered.</summary>
    public int Count { get; private set; }

    public void Clear()
    {
        Array.Clear(_slots);
        _poolUsed = 0;
        Count = 0;
    }

    /// <summary>The number of <paramref name="token"/>, given a new one when unseen (<paramref name="added"/> then true).</summary>
    public int Get(ReadOnlySpan<char> token, out bool added)
    {
        var hash = Hash(token);
        var mask = _slots.Length - 1;
        var s = hash & mask;
        while (true)
        {
            var slot = _slots[s];
            if (slot == 0)
            {
                break;
            }

            var (offset, length, h) = _tokens[slot - 1];
            if (h == hash && length == token.Length && token.SequenceEqual(_pool.AsSpan(offset, length)))
            {
                added = false;
                return First + slot - 1;
            }

            s = (s + 1) & mask;
        }

        if (_poolUsed + token.Length > _pool.Length)
        {
            Array.Resize(ref _pool, Math.Max(_pool.Length * 2, _poolUsed + token.Length));
        }

        token.CopyTo(_pool.AsSpan(_poolUsed));
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, Count * 2);
        }

        _tokens[Count] = (_poolUsed, token.Length, hash);
        _poolUsed += token.Length;
        Count++;
        _slots[s] = Count;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        added = true;
        return First + Count - 1;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var s = _tokens[i].Hash & mask;
            while (_slots[s] != 0)
            {
                s = (s + 1) & mask;
            }

            _slots[s] = i + 1;
        }
    }

    private static int Hash(ReadOnlySpan<char> token)
    {
        var h = unchecked((uint)token.Length * 0x9E3779B1u);
        foreach (var c in token)
        {
            h = unchecked((h ^ c) * 0x01000193u);
        }

        h ^= h >> 15;
        h = unchecked(h * 0x2c1b3c6du);
        h ^= h >> 12;
        return (int)(h & 0x7fffffff);
    }
}

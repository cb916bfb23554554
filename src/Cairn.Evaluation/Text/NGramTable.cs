namespace Cairn.Evaluation.Text;

/// <summary>
/// The n-grams of one hypothesis, counted, and matched against one reference at a time: an open-addressing
/// table keyed by the token sequence itself (hash, then element-wise comparison), so no n-gram is ever
/// allocated or interned. Tokens are integers (word numbers or code points). Not thread-safe.
/// </summary>
public sealed class NGramTable
{
    private int[] _slots = new int[256];
    private int _mask = 255;
    private Entry[] _entries = new Entry[128];
    private int _count;
    private int[] _hyp = [];

    private struct Entry
    {
        public int Hash;
        public int Start;
        public int Order;
        public int Hyp;
        public int Current;
        public int Best;
    }

    /// <summary>Counts every n-gram of orders 1..<paramref name="maxOrder"/> of <paramref name="hyp"/>.</summary>
    public void SetHypothesis(int[] hyp, int maxOrder)
    {
        ArgumentNullException.ThrowIfNull(hyp);
        _hyp = hyp;
        _count = 0;
        var needed = hyp.Length * maxOrder * 2;
        if (_slots.Length < needed)
        {
            var size = 256;
            while (size < needed)
            {
                size <<= 1;
            }

            _slots = new int[size];
            _mask = size - 1;
        }

        Array.Clear(_slots);
        if (_entries.Length < hyp.Length * maxOrder)
        {
            _entries = new Entry[hyp.Length * maxOrder];
        }

        for (var i = 0; i < hyp.Length; i++)
        {
            var h = 0;
            for (var n = 1; n <= maxOrder && i + n <= hyp.Length; n++)
            {
                h = Mix(h, hyp[i + n - 1]);
                var e = Find(h, hyp, i, n);
                if (e < 0)
                {
                    e = Insert(h, i, n);
                }

                _entries[e].Hyp++;
            }
        }
    }

    /// <summary>Counts, for each hypothesis n-gram, its occurrences in <paramref name="reference"/> (restarting from zero).</summary>
    public void MatchReference(int[] reference, int maxOrder)
    {
        ArgumentNullException.ThrowIfNull(reference);
        for (var k = 0; k < _count; k++)
        {
            _entries[k].Current = 0;
        }

        for (var i = 0; i < reference.Length; i++)
        {
            var h = 0;
            for (var n = 1; n <= maxOrder && i + n <= reference.Length; n++)
            {
                h = Mix(h, reference[i + n - 1]);
                var e = Find(h, reference, i, n);
                if (e < 0)
                {
                    // An n-gram absent from the hypothesis: so are all its extensions.
                    break;
                }

                _entries[e].Current++;
            }
        }
    }

    /// <summary>Keeps, per n-gram, the largest reference count seen so far (BLEU's maximum over references).</summary>
    public void KeepBest()
    {
        for (var k = 0; k < _count; k++)
        {
            if (_entries[k].Current > _entries[k].Best)
            {
                _entries[k].Best = _entries[k].Current;
            }
        }
    }

    /// <summary>Adds, per order, the clipped matches Σ min(hypothesis count, reference count) into <paramref name="matches"/>[order − 1].</summary>
    public void AddMatches(Span<long> matches, bool best)
    {
        for (var k = 0; k < _count; k++)
        {
            ref var e = ref _entries[k];
            matches[e.Order - 1] += Math.Min(e.Hyp, best ? e.Best : e.Current);
        }
    }

    private static int Mix(int h, int token) => unchecked(((h * 0x5bd1e995) ^ token) + (token * 0x27d4eb2d) + 0x165667b1);

    private int Find(int hash, int[] tokens, int start, int order)
    {
        var s = hash & _mask;
        while (true)
        {
            var slot = _slots[s];
            if (slot == 0)
            {
                return -1;
            }

            ref var e = ref _entries[slot - 1];
            if (e.Hash == hash && e.Order == order && Same(tokens, start, e.Start, order))
            {
                return slot - 1;
            }

            s = (s + 1) & _mask;
        }
    }

    private bool Same(int[] tokens, int start, int hypStart, int order)
    {
        for (var k = 0; k < order; k++)
        {
            if (tokens[start + k] != _hyp[hypStart + k])
            {
                return false;
            }
        }

        return true;
    }

    private int Insert(int hash, int start, int order)
    {
        var s = hash & _mask;
        while (_slots[s] != 0)
        {
            s = (s + 1) & _mask;
        }

        var e = _count++;
        _entries[e] = new Entry { Hash = hash, Start = start, Order = order };
        _slots[s] = e + 1;
        return e;
    }
}

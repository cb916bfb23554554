namespace Cairn.Evaluation.Text;

/// <summary>Counts of an alignment of a reference with a hypothesis.</summary>
public readonly record struct AlignmentCounts(int Hits, int Substitutions, int Deletions, int Insertions)
{
    public static AlignmentCounts operator +(AlignmentCounts a, AlignmentCounts b) =>
        new(a.Hits + b.Hits, a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions);
}

/// <summary>
/// The Levenshtein alignment RapidFuzz's <c>Levenshtein.editops</c> returns, whose choice among equally short
/// alignments decides jiwer's hit, substitution, deletion and insertion counts: the common prefix and suffix
/// are matched first, then Hyyrö's bit-parallel matrix (2003) is read back from the bottom-right corner
/// preferring a deletion, then an insertion, then a substitution or match.
/// </summary>
public sealed class LevenshteinAlignment
{
    private ulong[] _peq;
    private ulong[] _vp = new ulong[64];
    private ulong[] _vn = new ulong[64];

    /// <summary>An aligner for sequences of token numbers below <paramref name="vocabulary"/> (it grows as needed); not thread-safe.</summary>
    public LevenshteinAlignment(int vocabulary) => _peq = new ulong[Math.Max(1, vocabulary)];

    /// <summary>Makes room for token numbers below <paramref name="vocabulary"/>.</summary>
    public void EnsureVocabulary(int vocabulary)
    {
        if (_peq.Length < vocabulary)
        {
            Array.Resize(ref _peq, Math.Max(vocabulary, _peq.Length * 2));
        }
    }

    /// <summary>The most 64-bit words of alignment state one pair may need (⌈reference/64⌉ × hypothesis), about 64 MB per matrix.</summary>
    public const long MaxStateWords = 8_000_000;

    /// <summary>
    /// Aligns <paramref name="reference"/> (RapidFuzz's s1) with <paramref name="hypothesis"/> (s2); null when what is left
    /// after the common start and end would need more than <see cref="MaxStateWords"/>.
    /// </summary>
    public AlignmentCounts? Align(ReadOnlySpan<int> reference, ReadOnlySpan<int> hypothesis)
    {
        var totalRef = reference.Length;
        var prefix = 0;
        while (prefix < reference.Length && prefix < hypothesis.Length && reference[prefix] == hypothesis[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < reference.Length - prefix && suffix < hypothesis.Length - prefix
            && reference[reference.Length - 1 - suffix] == hypothesis[hypothesis.Length - 1 - suffix])
        {
            suffix++;
        }

        var s1 = reference[prefix..^suffix];
        var s2 = hypothesis[prefix..^suffix];
        int subs = 0, dels = 0, ins = 0;
        if (s1.Length == 0)
        {
            ins = s2.Length;
        }
        else if (s2.Length == 0)
        {
            dels = s1.Length;
        }
        else if ((((long)s1.Length + 63) / 64) * s2.Length > MaxStateWords)
        {
            return null;
        }
        else if (s1.Length <= 64)
        {
            (subs, dels, ins) = TraceShort(s1, s2);
        }
        else
        {
            (subs, dels, ins) = Trace(s1, s2);
        }

        return new AlignmentCounts(totalRef - subs - dels, subs, dels, ins);
    }

    // The single-word case of Trace (s1 of at most 64 tokens), with the match masks in a table by token number.
    private (int Subs, int Dels, int Ins) TraceShort(ReadOnlySpan<int> s1, ReadOnlySpan<int> s2)
    {
        var m = s1.Length;
        for (var i = 0; i < m; i++)
        {
            _peq[s1[i]] |= 1UL << i;
        }

        if (_vp.Length < s2.Length)
        {
            _vp = new ulong[s2.Length * 2];
            _vn = new ulong[s2.Length * 2];
        }

        var vp = m == 64 ? ~0UL : (1UL << m) - 1;
        var vn = 0UL;
        for (var r = 0; r < s2.Length; r++)
        {
            var x = _peq[s2[r]];
            var d0 = (((x & vp) + vp) ^ vp) | x | vn;
            var hp = vn | ~(d0 | vp);
            var hn = d0 & vp;
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            _vp[r] = vp;
            _vn[r] = vn;
        }

        for (var i = 0; i < m; i++)
        {
            _peq[s1[i]] = 0;
        }

        int subs = 0, dels = 0, ins = 0;
        int c = m, row = s2.Length;
        while (row != 0 && c != 0)
        {
            if ((_vp[row - 1] & (1UL << (c - 1))) != 0)
            {
                dels++;
                c--;
            }
            else
            {
                row--;
                if (row != 0 && (_vn[row - 1] & (1UL << (c - 1))) != 0)
                {
                    ins++;
                }
                else
                {
                    c--;
                    if (s1[c] != s2[row])
                    {
                        subs++;
                    }
                }
            }
        }

        return (subs, dels + c, ins + row);
    }

    private static (int Subs, int Dels, int Ins) Trace(ReadOnlySpan<int> s1, ReadOnlySpan<int> s2)
    {
        var m = s1.Length;
        var words = (m + 63) / 64;
        var peq = new Dictionary<int, ulong[]>();
        for (var i = 0; i < m; i++)
        {
            if (!peq.TryGetValue(s1[i], out var bits))
            {
                peq[s1[i]] = bits = new ulong[words];
            }

            bits[i >> 6] |= 1UL << (i & 63);
        }

        var vpRows = new ulong[s2.Length * words];
        var vnRows = new ulong[s2.Length * words];
        var vp = new ulong[words];
        var vn = new ulong[words];
        for (var w = 0; w < words; w++)
        {
            vp[w] = ~0UL;
        }

        var zero = new ulong[words];
        for (var r = 0; r < s2.Length; r++)
        {
            var x = peq.GetValueOrDefault(s2[r]) ?? zero;
            ulong carry = 0, hpCarry = 1, hnCarry = 0;
            for (var w = 0; w < words; w++)
            {
                // D0 = (((X & VP) + VP) ^ VP) | X | VN, with the addition's carry running across words.
                var xv = x[w] & vp[w];
                var sum = xv + vp[w];
                var c1 = sum < xv ? 1UL : 0UL;
                var sum2 = sum + carry;
                var c2 = sum2 < sum ? 1UL : 0UL;
                carry = c1 | c2;
                var d0 = (sum2 ^ vp[w]) | x[w] | vn[w];
                var hp = vn[w] | ~(d0 | vp[w]);
                var hn = d0 & vp[w];

                // HP = (HP << 1) | 1 and HN = HN << 1 across words.
                var hpShift = (hp << 1) | hpCarry;
                hpCarry = hp >> 63;
                var hnShift = (hn << 1) | hnCarry;
                hnCarry = hn >> 63;
                vp[w] = hnShift | ~(d0 | hpShift);
                vn[w] = hpShift & d0;
            }

            Array.Copy(vp, 0, vpRows, r * words, words);
            Array.Copy(vn, 0, vnRows, r * words, words);
        }

        static bool Bit(ulong[] rows, int words, int row, int col) => (rows[(row * words) + (col >> 6)] & (1UL << (col & 63))) != 0;

        int subs = 0, dels = 0, ins = 0;
        int c = m, rr = s2.Length;
        while (rr != 0 && c != 0)
        {
            if (Bit(vpRows, words, rr - 1, c - 1))
            {
                dels++;
                c--;
            }
            else
            {
                rr--;
                if (rr != 0 && Bit(vnRows, words, rr - 1, c - 1))
                {
                    ins++;
                }
                else
                {
                    c--;
                    if (s1[c] != s2[rr])
                    {
                        subs++;
                    }
                }
            }
        }

        dels += c;
        ins += rr;
        return (subs, dels, ins);
    }
}

namespace Cairn.Evaluation.Text;

/// <summary>
/// The Tercom algorithm as sacreBLEU implements it: a beam-limited edit distance around the length-ratio
/// diagonal, and greedy block shifts chosen by (gain, length, earliest start, earliest target), at most 10
/// words moved at most 50 positions, and 1,000 candidate shifts per sentence. Edit distances of the candidate
/// shifts reuse the rows of the unshifted hypothesis they share, which changes nothing but the time taken.
/// Not thread-safe: one per worker.
/// </summary>
public sealed class TerAligner
{
    private const int MaxShiftSize = 10;
    private const int MaxShiftDist = 50;
    private const int BeamWidth = 25;
    private const int MaxShiftCandidates = 1000;
    private const int Inf = 1 << 28;
    private const byte Nop = (byte)' ', Sub = (byte)'s', Ins = (byte)'i', Del = (byte)'d', Undef = (byte)'x';

    private int[] _ref = [];
    private int[] _baseCost = [], _cost = [];
    private byte[] _baseOp = [], _op = [];

    /// <summary>sacreBLEU's <c>translation_edit_rate</c>: the number of edits (shifts included) and the reference length.</summary>
    public (int Edits, int RefLength) Align(int[] hypothesis, int[] reference)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Length == 0)
        {
            return (hypothesis.Length, 0);
        }

        _ref = reference;
        var size = (hypothesis.Length + 1) * (reference.Length + 1);
        if (_cost.Length < size)
        {
            _cost = new int[size];
            _op = new byte[size];
            _baseCost = new int[size];
            _baseOp = new byte[size];
        }

        var shifts = 0;
        var input = hypothesis;
        var checkedCandidates = 0;
        while (true)
        {
            var (delta, shifted) = Shift(input, ref checkedCandidates);
            if (checkedCandidates >= MaxShiftCandidates || delta <= 0)
            {
                break;
            }

            shifts++;
            input = shifted;
        }

        var distance = Distance(input, 0, _cost, _op, _baseCost);
        return (shifts + distance, reference.Length);
    }

    private (int Delta, int[] Shifted) Shift(int[] h, ref int checkedCandidates)
    {
        var n = h.Length;
        var m = _ref.Length;
        var preScore = Distance(h, 0, _baseCost, _baseOp, _baseCost);

        // Trace the unshifted alignment, flipped to rewrite the reference into the hypothesis.
        var align = new int[m];
        var refErr = new int[m];
        var hypErr = new int[n];
        Trace(n, m, align, refErr, hypErr);

        (int Score, int Length, int NegStart, int NegIdx)? best = null;
        int[]? bestWords = null;
        var shifted = new int[n];
        for (var startH = 0; startH < n; startH++)
        {
            for (var startR = 0; startR < m; startR++)
            {
                if (Math.Abs(startR - startH) > MaxShiftDist)
                {
                    continue;
                }

                var length = 0;
                while (h[startH + length] == _ref[startR + length] && length < MaxShiftSize)
                {
                    length++;
                    Consider(h, startH, startR, length, align, refErr, hypErr, preScore, shifted, ref best, ref bestWords, ref checkedCandidates);
                    if (checkedCandidates >= MaxShiftCandidates)
                    {
                        goto done;
                    }

                    if (n == startH + length || m == startR + length)
                    {
                        break;
                    }
                }
            }
        }

        done:
        return best is null ? (0, h) : (best.Value.Score, bestWords!);
    }

    private void Consider(int[] h, int startH, int startR, int length, int[] align, int[] refErr, int[] hypErr, int preScore, int[] shifted,
        ref (int Score, int Length, int NegStart, int NegIdx)? best, ref int[]? bestWords, ref int checkedCandidates)
    {
        var m = _ref.Length;
        if (Sum(hypErr, startH, length) == 0 || Sum(refErr, startR, length) == 0)
        {
            return;
        }

        if (startH <= align[startR] && align[startR] < startH + length)
        {
            return;
        }

        var prevIdx = -1;
        for (var offset = -1; offset < length; offset++)
        {
            int idx;
            if (startR + offset == -1)
            {
                idx = 0;
            }
            else if (startR + offset < m)
            {
                idx = align[startR + offset] + 1;
            }
            else
            {
                break;
            }

            if (idx == prevIdx)
            {
                continue;
            }

            prevIdx = idx;
            PerformShift(h, startH, length, idx, shifted);
            var common = CommonPrefix(h, shifted);
            var candidate = (preScore - Distance(shifted, common, _cost, _op, _baseCost), length, -startH, -idx);
            checkedCandidates++;
            if (best is null || Greater(candidate, best.Value))
            {
                best = candidate;
                bestWords = (int[])shifted.Clone();
            }
        }
    }

    private static bool Greater((int, int, int, int) a, (int, int, int, int) b) =>
        a.Item1 != b.Item1 ? a.Item1 > b.Item1
        : a.Item2 != b.Item2 ? a.Item2 > b.Item2
        : a.Item3 != b.Item3 ? a.Item3 > b.Item3
        : a.Item4 > b.Item4;

    private static int Sum(int[] values, int from, int length)
    {
        var s = 0;
        for (var i = from; i < Math.Min(values.Length, from + length); i++)
        {
            s += values[i];
        }

        return s;
    }

    private static int CommonPrefix(int[] a, int[] b)
    {
        var i = 0;
        while (i < a.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static void PerformShift(int[] words, int start, int length, int target, int[] into)
    {
        var k = 0;
        void Copy(int from, int to)
        {
            // Python slices: bounds past the end are clipped (a shift to just after the block can reach past it).
            to = Math.Min(to, words.Length);
            for (var i = from; i < to; i++)
            {
                into[k++] = words[i];
            }
        }

        if (target < start)
        {
            Copy(0, target);
            Copy(start, start + length);
            Copy(target, start);
            Copy(start + length, words.Length);
        }
        else if (target > start + length)
        {
            Copy(0, start);
            Copy(start + length, target);
            Copy(start, start + length);
            Copy(target, words.Length);
        }
        else
        {
            Copy(0, start);
            Copy(start + length, length + target);
            Copy(start, start + length);
            Copy(length + target, words.Length);
        }
    }

    // The beam edit distance. Rows 0..fromRow are taken from the unshifted hypothesis's matrix (same prefix, same
    // length, hence the same rows); the rest are computed into cost/op.
    private int Distance(int[] h, int fromRow, int[] cost, byte[] op, int[] baseCost)
    {
        var n = h.Length;
        var m = _ref.Length;
        var w = m + 1;
        if (fromRow == 0)
        {
            for (var j = 0; j <= m; j++)
            {
                cost[j] = j;
                op[j] = Ins;
            }
        }
        else if (!ReferenceEquals(cost, baseCost))
        {
            Array.Copy(baseCost, 0, cost, 0, (fromRow + 1) * w);
            Array.Copy(_baseOp, 0, op, 0, (fromRow + 1) * w);
        }

        for (var i = fromRow + 1; i <= n; i++)
        {
            Array.Fill(cost, Inf, i * w, w);
            Array.Fill(op, Undef, i * w, w);
        }

        var ratio = n > 0 ? (double)m / n : 1;
        var beam = BeamWidth < ratio / 2 ? (int)Math.Ceiling((ratio / 2) + BeamWidth) : BeamWidth;
        for (var i = fromRow + 1; i <= n; i++)
        {
            var diag = (int)Math.Floor(i * ratio);
            var minJ = Math.Max(0, diag - beam);
            var maxJ = i == n ? m + 1 : Math.Min(m + 1, diag + beam);
            var row = i * w;
            var prev = row - w;
            for (var j = minJ; j < maxJ; j++)
            {
                if (j == 0)
                {
                    cost[row] = cost[prev] + 1;
                    op[row] = Del;
                    continue;
                }

                var same = h[i - 1] == _ref[j - 1];
                var c = cost[row + j];
                var o = op[row + j];
                var viaSub = cost[prev + j - 1] + (same ? 0 : 1);
                if (c > viaSub)
                {
                    c = viaSub;
                    o = same ? Nop : Sub;
                }

                var viaDel = cost[prev + j] + 1;
                if (c > viaDel)
                {
                    c = viaDel;
                    o = Del;
                }

                var viaIns = cost[row + j - 1] + 1;
                if (c > viaIns)
                {
                    c = viaIns;
                    o = Ins;
                }

                cost[row + j] = c;
                op[row + j] = o;
            }
        }

        return cost[(n * w) + m];
    }

    private void Trace(int n, int m, int[] align, int[] refErr, int[] hypErr)
    {
        var w = m + 1;
        var ops = new List<byte>(n + m);
        int i = n, j = m;
        while (i > 0 || j > 0)
        {
            var o = _baseOp[(i * w) + j];
            ops.Add(o);
            switch (o)
            {
                case Sub or Nop:
                    i--;
                    j--;
                    break;
                case Ins:
                    j--;
                    break;
                case Del:
                    i--;
                    break;
                default:
                    throw new InvalidOperationException("TER: the alignment left the beam");
            }
        }

        ops.Reverse();
        int posHyp = -1, posRef = -1, he = 0, re = 0;
        foreach (var raw in ops)
        {
            var o = raw == Ins ? Del : raw == Del ? Ins : raw; // flip: rewrite the reference into the hypothesis
            switch (o)
            {
                case Nop or Sub:
                    posHyp++;
                    posRef++;
                    align[posRef] = posHyp;
                    hypErr[he++] = o == Sub ? 1 : 0;
                    refErr[re++] = o == Sub ? 1 : 0;
                    break;
                case Ins:
                    posHyp++;
                    hypErr[he++] = 1;
                    break;
                default:
                    posRef++;
                    align[posRef] = posHyp;
                    refErr[re++] = 1;
                    break;
            }
        }
    }
}

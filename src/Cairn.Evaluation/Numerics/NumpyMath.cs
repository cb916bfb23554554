namespace Cairn.Evaluation.Numerics;

/// <summary>
/// The few NumPy reductions whose floating-point order the reference metrics inherit: pairwise summation
/// (<c>np.sum</c>, <c>np.mean</c> on contiguous float64), <c>np.linspace</c>, and <c>np.percentile</c> with linear
/// interpolation. Reproducing the order of operations keeps results equal to the last bit in most cases.
/// </summary>
public static class NumpyMath
{
    private const int BlockSize = 128;

    /// <summary>NumPy's pairwise summation of a float64 array.</summary>
    public static double Sum(ReadOnlySpan<double> a)
    {
        if (a.Length < 8)
        {
            var res = 0.0;
            foreach (var v in a)
            {
                res += v;
            }

            return res;
        }

        if (a.Length <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < a.Length - (a.Length % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < a.Length; i++)
            {
                res += a[i];
            }

            return res;
        }

        var n2 = a.Length / 2;
        n2 -= n2 % 8;
        return Sum(a[..n2]) + Sum(a[n2..]);
    }

    /// <summary><c>np.mean</c> of a float64 array.</summary>
    public static double Mean(ReadOnlySpan<double> a) => Sum(a) / a.Length;

    /// <summary><c>np.linspace(start, stop, num)</c> with its endpoint.</summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        var y = new double[num];
        var div = num - 1;
        var step = div > 0 ? (stop - start) / div : double.NaN;
        for (var i = 0; i < num; i++)
        {
            y[i] = div > 0 ? (i * step) + start : start;
        }

        if (num > 1)
        {
            y[^1] = stop;
        }

        return y;
    }

    /// <summary><c>np.percentile(a, q)</c> with the default linear method; <paramref name="q"/> in percent.</summary>
    public static double Percentile(ReadOnlySpan<double> a, double q)
    {
        var sorted = a.ToArray();
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, q / 100);
    }

    /// <summary>NumPy's linear quantile of already sorted values (<paramref name="quantile"/> in [0, 1]).</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double quantile)
    {
        var n = sorted.Length;

        // _compute_virtual_index with alpha = beta = 1: n*q + (1 + q*(1 - 1 - 1)) - 1
        var virtualIndex = (n * quantile) + (1 + (quantile * -1)) - 1;
        var previous = Math.Floor(virtualIndex);
        var gamma = virtualIndex - previous;
        var lo = (int)Math.Clamp(previous, 0, n - 1);
        var hi = (int)Math.Clamp(previous + 1, 0, n - 1);
        if (virtualIndex >= n - 1)
        {
            lo = hi = n - 1;
        }
        else if (virtualIndex < 0)
        {
            lo = hi = 0;
        }

        return Lerp(sorted[lo], sorted[hi], gamma);
    }

    // NumPy's _lerp: a + (b - a) t, computed from the upper end when t >= 0.5.
    private static double Lerp(double a, double b, double t)
    {
        var diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}

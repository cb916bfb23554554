namespace Cairn.Evaluation.Numerics;

/// <summary>
/// NumPy's legacy random generator (<c>np.random.seed(s)</c> then <c>np.random.randint</c> / <c>choice</c>): the
/// Mersenne Twister MT19937 seeded by <c>init_genrand</c>, with bounded integers drawn by masked rejection.
/// With the same seed it yields the same indices as NumPy, so resampling can be reproduced exactly.
/// </summary>
public sealed class LegacyMt19937
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _pos;

    public LegacyMt19937(uint seed)
    {
        var s = seed;
        for (var i = 0; i < N; i++)
        {
            _mt[i] = s;
            s = (1812433253u * (s ^ (s >> 30))) + (uint)i + 1;
        }

        _pos = N;
    }

    public uint NextUInt32()
    {
        if (_pos == N)
        {
            Twist();
        }

        var y = _mt[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>randint(0, high)</c>: an integer in [0, high), as NumPy's legacy generator draws it for 32-bit ranges.</summary>
    public int Below(int high)
    {
        var rng = (uint)(high - 1);
        if (rng == 0)
        {
            return 0;
        }

        var mask = rng;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint v;
        while ((v = NextUInt32() & mask) > rng)
        {
        }

        return (int)v;
    }

    private void Twist()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
        int k;
        uint y;
        for (k = 0; k < N - M; k++)
        {
            y = (_mt[k] & upper) | (_mt[k + 1] & lower);
            _mt[k] = _mt[k + M] ^ (y >> 1) ^ ((y & 1) * matrixA);
        }

        for (; k < N - 1; k++)
        {
            y = (_mt[k] & upper) | (_mt[k + 1] & lower);
            _mt[k] = _mt[k + (M - N)] ^ (y >> 1) ^ ((y & 1) * matrixA);
        }

        y = (_mt[N - 1] & upper) | (_mt[0] & lower);
        _mt[N - 1] = _mt[M - 1] ^ (y >> 1) ^ ((y & 1) * matrixA);
        _pos = 0;
    }
}

using Cairn.Core.Tracking;
using Xunit;

namespace Cairn.Tracking.Tests;

public sealed class MetricDownsamplerTests
{
    private static List<MetricPoint> Series(IEnumerable<double> values) => values.Select((v, i) => new MetricPoint("m", v, i, i)).ToList();

    [Fact]
    public void MinMax_ShortSeries_IsReturnedAsIs()
    {
        var series = Series([1, 2, 3]);
        Assert.Same(series, MetricDownsampler.MinMax(series, 10));
    }

    [Fact]
    public void MinMax_LongSeries_KeepsEndsSpikesAndOrderWithinTheLimit()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => Math.Sin(i / 1000.0)).ToArray();
        values[31_337] = 50;   // a spike
        values[77_777] = -50;  // a dip
        var thinned = MetricDownsampler.MinMax(Series(values), 1000);
        Assert.True(thinned.Count <= 1000, $"{thinned.Count} points");
        Assert.Equal(0, thinned[0].Step);
        Assert.Equal(99_999, thinned[^1].Step);
        Assert.Contains(thinned, p => p.Value == 50 && p.Step == 31_337);
        Assert.Contains(thinned, p => p.Value == -50 && p.Step == 77_777);
        Assert.Equal(thinned.Select(p => p.Step).Order(), thinned.Select(p => p.Step));
    }

    [Fact]
    public void MinMax_RandomSeries_AlwaysKeepsTheGlobalExtremes()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = Enumerable.Range(0, random.Next(5, 5000)).Select(_ => random.NextDouble() * 100 - 50).ToArray();
            var thinned = MetricDownsampler.MinMax(Series(values), random.Next(4, 200));
            Assert.Contains(thinned, p => p.Value == values.Min());
            Assert.Contains(thinned, p => p.Value == values.Max());
        }
    }
}

using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Cairn.Governance.Tests;

public sealed class CallerCacheTests
{
    private static readonly Caller Bob = new(7, "cairn_bob000", 2, "bob", false, 3, "alpha", ProjectRole.Editor, Scope.Read, null);
    private readonly FakeTimeProvider _time = new();
    private readonly CallerCache _cache;

    public CallerCacheTests() => _cache = new CallerCache(Options.Create(new GovernanceOptions { KeyCacheSeconds = 10 }), _time);

    [Fact]
    public void Get_WithinTtl_ReturnsTheCallerAndAfterwardsNothing()
    {
        _cache.Put("h", Bob, _cache.Generation);
        Assert.Equal(Bob, _cache.Get("h"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(_cache.Get("h"));
    }

    [Fact]
    public void Put_AfterARevocationRacedTheLookup_DoesNotCacheTheStaleCaller()
    {
        var generation = _cache.Generation; // read before the database lookup
        _cache.ForgetKey(Bob.KeyId);        // a revocation lands meanwhile
        _cache.Put("h", Bob, generation);   // the lookup's stale answer
        Assert.Null(_cache.Get("h"));
    }

    [Fact]
    public void ForgetProject_RemovesEveryKeyOfThatProjectOnly()
    {
        var other = Bob with { KeyId = 8, ProjectId = 4, Project = "beta" };
        _cache.Put("a", Bob, _cache.Generation);
        _cache.Put("b", other, _cache.Generation);
        _cache.ForgetProject(3);
        Assert.Null(_cache.Get("a"));
        Assert.Equal(other, _cache.Get("b"));
    }

    [Fact]
    public void Get_KeyExpiredWhileCached_ReturnsNothing()
    {
        _cache.Put("h", Bob with { ExpiresAt = _time.GetUtcNow().ToUnixTimeMilliseconds() + 1000 }, _cache.Generation);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_cache.Get("h"));
    }
}

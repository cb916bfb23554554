using System.Text.RegularExpressions;
using Cairn.Governance.Keys;
using Xunit;

namespace Cairn.Governance.Tests;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generate_Always_HasMarkerAnd43Base62Characters()
    {
        var secret = ApiKeySecret.Generate();
        Assert.Matches(new Regex("^cairn_[0-9A-Za-z]{43}$"), secret);
    }

    [Fact]
    public void Generate_ManyTimes_NeverRepeats()
    {
        var secrets = Enumerable.Range(0, 10_000).Select(_ => ApiKeySecret.Generate()).ToHashSet();
        Assert.Equal(10_000, secrets.Count);
    }

    [Fact]
    public void Hash_Abc_IsTheFips180TestVector()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecret.Hash("abc"));
    }

    [Fact]
    public void PrefixOf_Secret_IsFirstTwelveCharacters()
    {
        Assert.Equal("cairn_abcdef", ApiKeySecret.PrefixOf("cairn_abcdefghijk"));
    }

    [Fact]
    public void PrefixOf_SuppliedKeyWithoutMarker_RevealsNoneOfIt()
    {
        const string supplied = "my-own-very-secret-admin-key-2026";
        var prefix = ApiKeySecret.PrefixOf(supplied);
        Assert.Equal("ext_" + ApiKeySecret.Hash(supplied)[..8], prefix);
        Assert.False(supplied.Contains(prefix[4..], StringComparison.Ordinal));
    }
}

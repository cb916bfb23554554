using Cairn.Core.Audit;
using Xunit;

namespace Cairn.Core.Tests;

public sealed class AuditChainTests
{
    // Expected hashes were computed independently with Python 3.11's hashlib: for each field, a
    // 4-byte big-endian UTF-8 length and the bytes, fields in the documented order, a null project as "\0".
    internal static readonly AuditRecord First = new(
        1767225600000, "alice (cairn_abc)", "alpha", "CreateKey", "POST /api/v1/projects/alpha/keys",
        "4bf92f3577b34da6a3ce929d0e0e4736", "success", 201, "key 7 for bob: read");

    internal static readonly AuditRecord Second = new(
        1767225601000, "admin (cairn_xyz)", null, "CreateProject", "POST /api/v1/projects",
        "00f067aa0ba902b7a3ce929d0e0e4736", "failure", 409, "é ünïcode ✓");

    [Fact]
    public void ComputeHash_FirstEvent_MatchesIndependentSha256()
    {
        Assert.Equal("7fab27632041a8cce7d4d569d3dd2e056b93cf82bf8b6503e754bf77a25dea63", AuditChain.ComputeHash(1, AuditChain.Genesis, First));
    }

    [Fact]
    public void ComputeHash_ChainedEventWithNullProjectAndUnicode_MatchesIndependentSha256()
    {
        var prev = AuditChain.ComputeHash(1, AuditChain.Genesis, First);
        Assert.Equal("ed6d9e6b34c3c170211978b044b1e7e100be65a8733891444af67819f6616ab9", AuditChain.ComputeHash(2, prev, Second));
    }

    [Fact]
    public void ComputeHash_FieldBoundaryMoved_DiffersBecauseFieldsAreLengthPrefixed()
    {
        var a = First with { Actor = "ab", Action = "c" };
        var b = First with { Actor = "a", Action = "bc" };
        Assert.NotEqual(AuditChain.ComputeHash(1, AuditChain.Genesis, a), AuditChain.ComputeHash(1, AuditChain.Genesis, b));
    }

    [Fact]
    public void ComputeHash_EmptyProjectVersusNull_Differ()
    {
        Assert.NotEqual(
            AuditChain.ComputeHash(1, AuditChain.Genesis, First with { Project = null }),
            AuditChain.ComputeHash(1, AuditChain.Genesis, First with { Project = string.Empty }));
    }
}

using Cairn.Core.Audit;
using Xunit;

namespace Cairn.Core.Tests;

public sealed class AuditVerifierTests
{
    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var prev = AuditChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var record = AuditChainTests.First with { OccurredAt = 1767225600000 + seq, Detail = $"event {seq}" };
            var hash = AuditChain.ComputeHash(seq, prev, record);
            events.Add(new AuditEvent(seq, record, prev, hash));
            prev = hash;
        }

        return events;
    }

    private static AuditVerification Verify(IEnumerable<AuditEvent> events, long headSeq, string headHash)
    {
        var verifier = new AuditVerifier();
        foreach (var e in events)
        {
            if (!verifier.Check(e))
            {
                break;
            }
        }

        return verifier.Finish(headSeq, headHash);
    }

    [Fact]
    public void Verify_IntactChain_IsIntact()
    {
        var chain = Chain(5);
        var result = Verify(chain, 5, chain[^1].Hash);
        Assert.True(result.Intact);
        Assert.Equal(5, result.EventsChecked);
        Assert.Null(result.BrokenAtSeq);
    }

    [Fact]
    public void Verify_EmptyChainWithGenesisHead_IsIntact()
    {
        Assert.True(Verify([], 0, AuditChain.Genesis).Intact);
    }

    [Fact]
    public void Verify_AlteredField_NamesThatEvent()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Record = chain[2].Record with { Outcome = "success", Status = 200, Actor = "mallory" } };
        var result = Verify(chain, 5, chain[^1].Hash);
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAtSeq);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DeletedMiddleEvent_NamesTheMissingSequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        var result = Verify(chain, 5, chain[^1].Hash);
        Assert.Equal(2, result.BrokenAtSeq);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_InsertedEventRenumbered_NamesTheInsertion()
    {
        var chain = Chain(4);
        var forged = AuditChainTests.First with { Detail = "forged" };
        var forgedHash = AuditChain.ComputeHash(3, chain[1].Hash, forged);
        var tampered = chain.Take(2).Append(new AuditEvent(3, forged, chain[1].Hash, forgedHash))
            .Concat(chain.Skip(2).Select(e => e with { Seq = e.Seq + 1 })).ToList();
        var result = Verify(tampered, 5, tampered[^1].Hash);
        Assert.Equal(4, result.BrokenAtSeq);
    }

    [Fact]
    public void Verify_TruncatedTail_ReportsHeadMismatch()
    {
        var chain = Chain(5);
        var result = Verify(chain.Take(3), 5, chain[^1].Hash);
        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAtSeq);
        Assert.Contains("deleted from the end", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EventAppendedWithoutHead_ReportsHeadMismatch()
    {
        var chain = Chain(5);
        var result = Verify(chain, 4, chain[3].Hash);
        Assert.False(result.Intact);
        Assert.Equal(5, result.BrokenAtSeq);
    }

    [Fact]
    public void Verify_ReorderedEvents_Detected()
    {
        var chain = Chain(4);
        (chain[1], chain[2]) = (chain[2] with { Seq = 2 }, chain[1] with { Seq = 3 });
        Assert.Equal(2, Verify(chain, 4, chain[^1].Hash).BrokenAtSeq);
    }
}

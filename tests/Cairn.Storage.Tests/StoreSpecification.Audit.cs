using Cairn.Core.Audit;
using Cairn.Governance.Audit;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private static AuditRecord Record(int i, string project = "alpha") =>
        new(1767225600000 + i, "alice (cairn_abc)", project, "CreateKey", $"POST /api/v1/projects/{project}/keys", $"trace{i}", "success", 201, $"event {i}");

    private async Task<AuditVerification> VerifyAsync() => await AuditService.VerifyAsync(Audit, CancellationToken.None);

    private async Task AppendAsync(int count, string project = "alpha")
    {
        for (var i = 0; i < count; i++)
        {
            await Audit.AppendAsync([Record(i, project)], CancellationToken.None);
        }
    }

    [Fact]
    public async Task AppendAudit_Batches_FormOneGaplessChainWithHead()
    {
        var first = await Audit.AppendAsync([Record(1), Record(2)], CancellationToken.None);
        var second = await Audit.AppendAsync([Record(3)], CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], first.Concat(second).Select(e => e.Seq));
        Assert.Equal(AuditChain.Genesis, first[0].PrevHash);
        Assert.Equal(first[1].Hash, second[0].PrevHash);
        Assert.Equal((3L, second[0].Hash), await Audit.GetHeadAsync(CancellationToken.None));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AppendAudit_ConcurrentWriters_NeverForkTheChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await Audit.AppendAsync([Record((w * 100) + i)], CancellationToken.None);
            }
        })));
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(80, result.EventsChecked);
    }

    [Fact]
    public async Task VerifyAudit_RowAlteredBehindCairnsBack_NamesIt()
    {
        await AppendAsync(5);
        await ExecuteAsync("UPDATE audit_events SET outcome = 'denied' WHERE seq = 3");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAtSeq);
    }

    [Fact]
    public async Task VerifyAudit_RowDeleted_NamesTheGap()
    {
        await AppendAsync(5);
        await ExecuteAsync("DELETE FROM audit_events WHERE seq = 2");
        Assert.Equal(2, (await VerifyAsync()).BrokenAtSeq);
    }

    [Fact]
    public async Task VerifyAudit_RowInsertedAtEnd_ReportsHeadMismatch()
    {
        var events = await Audit.AppendAsync([Record(1), Record(2)], CancellationToken.None);
        var forged = Record(3) with { Actor = "mallory" };
        await ExecuteAsync(
            "INSERT INTO audit_events (seq, occurred_at, actor, project, action, target, request_id, outcome, status, detail, prev_hash, hash) " +
            "VALUES (3, @OccurredAt, @Actor, @Project, @Action, @Target, @RequestId, @Outcome, @Status, @Detail, @prev, @hash)",
            new { forged.OccurredAt, forged.Actor, forged.Project, forged.Action, forged.Target, forged.RequestId, forged.Outcome, Status = (long)forged.Status, forged.Detail, prev = events[1].Hash, hash = AuditChain.ComputeHash(3, events[1].Hash, forged) });
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAtSeq);
    }

    [Fact]
    public async Task VerifyAudit_TailDeleted_ReportsTruncation()
    {
        await AppendAsync(4);
        await ExecuteAsync("DELETE FROM audit_events WHERE seq >= 3");
        var result = await VerifyAsync();
        Assert.Equal(3, result.BrokenAtSeq);
        Assert.Contains("deleted from the end", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAudit_Filters_ApplyAndNewestComeFirst()
    {
        await AppendAsync(3, "alpha");
        await AppendAsync(2, "beta");
        var alpha = await Audit.QueryAsync(new AuditQuery("alpha", null, null, null, null, 10), CancellationToken.None);
        Assert.Equal([3L, 2L, 1L], alpha.Select(e => e.Seq));
        var paged = await Audit.QueryAsync(new AuditQuery(null, "alice", "CreateKey", "success", 5, 2), CancellationToken.None);
        Assert.Equal([4L, 3L], paged.Select(e => e.Seq));
        Assert.Empty(await Audit.QueryAsync(new AuditQuery(null, "mallory", null, null, null, 10), CancellationToken.None));
    }

    [Fact]
    public async Task QueryAudit_ActorFilter_IsCaseInsensitiveAndTakesWildcardsLiterally()
    {
        await Audit.AppendAsync([Record(1) with { Actor = "Alice (cairn_Abc)" }, Record(2) with { Actor = "bob_100% (cairn_x)" }, Record(3) with { Actor = "bobX100 (cairn_y)" }], CancellationToken.None);
        Assert.Equal([1L], (await Audit.QueryAsync(new AuditQuery(null, "alice (CAIRN_abc", null, null, null, 10), CancellationToken.None)).Select(e => e.Seq));
        Assert.Equal([2L], (await Audit.QueryAsync(new AuditQuery(null, "bob_100%", null, null, null, 10), CancellationToken.None)).Select(e => e.Seq));
    }
}

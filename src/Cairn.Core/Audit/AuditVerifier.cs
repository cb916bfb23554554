namespace Cairn.Core.Audit;

/// <summary>
/// Walks events in sequence order and names the first broken link: a gap (deleted event), a
/// previous-hash that does not match (inserted or reordered event), a hash that does not match
/// its content (altered event), or a head that disagrees with the last event (truncation).
/// </summary>
public sealed class AuditVerifier
{
    private long _expectedSeq = 1;
    private string _prevHash = AuditChain.Genesis;

    /// <summary>How many events have been checked.</summary>
    public long Checked { get; private set; }

    /// <summary>The first problem found, if any.</summary>
    public (long Seq, string Problem)? Broken { get; private set; }

    /// <summary>Checks the next event; returns false once a broken link is found.</summary>
    public bool Check(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Broken is not null)
        {
            return false;
        }

        Checked++;
        if (e.Seq != _expectedSeq)
        {
            Broken = (_expectedSeq, $"event {_expectedSeq} is missing: the next stored event is {e.Seq}");
        }
        else if (!string.Equals(e.PrevHash, _prevHash, StringComparison.Ordinal))
        {
            Broken = (e.Seq, $"event {e.Seq} does not follow event {e.Seq - 1}: its previous-hash does not match");
        }
        else if (!string.Equals(AuditChain.ComputeHash(e.Seq, e.PrevHash, e.Record), e.Hash, StringComparison.Ordinal))
        {
            Broken = (e.Seq, $"event {e.Seq} was altered: its content does not match its hash");
        }

        _prevHash = e.Hash;
        _expectedSeq = e.Seq + 1;
        return Broken is null;
    }

    /// <summary>Compares the walk with the recorded head and produces the result.</summary>
    public AuditVerification Finish(long headSeq, string headHash)
    {
        if (Broken is { } b)
        {
            return new AuditVerification(false, Checked, headSeq, headHash, b.Seq, b.Problem);
        }

        var lastSeq = _expectedSeq - 1;
        if (lastSeq != headSeq || !string.Equals(_prevHash, headHash, StringComparison.Ordinal))
        {
            var at = Math.Min(lastSeq, headSeq) + 1;
            var problem = lastSeq < headSeq
                ? $"the chain ends at event {lastSeq} but the head records event {headSeq}: events were deleted from the end"
                : $"the chain continues to event {lastSeq} but the head records event {headSeq}: events were added behind Cairn's back";
            return new AuditVerification(false, Checked, headSeq, headHash, at, problem);
        }

        return new AuditVerification(true, Checked, headSeq, headHash, null, null);
    }
}

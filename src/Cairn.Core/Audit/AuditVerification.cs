namespace Cairn.Core.Audit;

/// <summary>The result of walking the audit chain.</summary>
/// <param name="Intact">True when every link and the head agree.</param>
/// <param name="EventsChecked">How many events were read.</param>
/// <param name="HeadSeq">The sequence number the head records.</param>
/// <param name="HeadHash">The hash the head records.</param>
/// <param name="BrokenAtSeq">The first broken link, when not intact.</param>
/// <param name="Problem">What is wrong at that link.</param>
public sealed record AuditVerification(
    bool Intact, long EventsChecked, long HeadSeq, string HeadHash, long? BrokenAtSeq, string? Problem);

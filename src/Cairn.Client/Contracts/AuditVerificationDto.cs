namespace Cairn.Client.Contracts;

/// <summary>The result of verifying the audit chain.</summary>
/// <param name="Intact">True when every link and the head agree.</param>
/// <param name="EventsChecked">Events read.</param>
/// <param name="HeadSeq">Last sequence number recorded by the head.</param>
/// <param name="HeadHash">Hash recorded by the head.</param>
/// <param name="BrokenAtSeq">The first broken link, or null.</param>
/// <param name="Problem">What is wrong there, or null.</param>
public sealed record AuditVerificationDto(bool Intact, long EventsChecked, long HeadSeq, string HeadHash, long? BrokenAtSeq, string? Problem);

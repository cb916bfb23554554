using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Core.Audit;

namespace Cairn.Server.Api;

/// <summary>Domain objects to wire contracts.</summary>
internal static class WireMapping
{
    public static ProjectDto ToDto(this Project p) => new(p.Name, p.Description, p.CreatedAt, p.CreatedBy);

    public static MemberDto ToDto(this Membership m) => new(m.Principal, Roles.Format(m.Role), m.CreatedAt);

    public static KeyDto ToDto(this ApiKeyInfo k) =>
        new(k.Id, k.Project, k.Principal, k.Name, k.Prefix, ScopeNames.ToList(k.Scopes), k.CreatedAt, k.ExpiresAt, k.RevokedAt);

    public static MeDto ToMe(this Caller c) =>
        new(c.Principal, c.Project, Roles.Format(c.Role), c.IsAdmin, c.KeyPrefix, ScopeNames.ToList(c.KeyScopes), ScopeNames.ToList(c.Effective));

    public static AuditEventDto ToDto(this AuditEvent e) => new(
        e.Seq, e.Record.OccurredAt, e.Record.Actor, e.Record.Project, e.Record.Action, e.Record.Target, e.Record.RequestId,
        e.Record.Outcome, e.Record.Status, e.Record.Detail, e.PrevHash, e.Hash);

    public static AuditVerificationDto ToDto(this AuditVerification v) =>
        new(v.Intact, v.EventsChecked, v.HeadSeq, v.HeadHash, v.BrokenAtSeq, v.Problem);
}

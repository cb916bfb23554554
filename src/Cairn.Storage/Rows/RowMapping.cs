using Cairn.Core.Access;
using Cairn.Core.Audit;

namespace Cairn.Storage.Rows;

/// <summary>Turns rows into domain objects; rows never leave the storage layer.</summary>
internal static class RowMapping
{
    public static Project ToDomain(this ProjectRow r) => new(r.Id, r.Name, r.Description, r.CreatedAt, r.CreatedBy);

    public static Principal ToDomain(this PrincipalRow r) => new(r.Id, r.Name, r.IsAdmin != 0, r.CreatedAt);

    public static Membership ToDomain(this MemberRow r) => new(r.Project, r.Principal, Roles.Parse(r.Role), r.CreatedAt);

    public static ApiKeyInfo ToDomain(this KeyRow r) =>
        new(r.Id, r.Project, r.Principal, r.Name, r.Prefix, (Scope)r.Scopes, r.CreatedAt, r.ExpiresAt, r.RevokedAt);

    public static AuditEvent ToDomain(this AuditRow r) => new(
        r.Seq,
        new AuditRecord(r.OccurredAt, r.Actor, r.Project, r.Action, r.Target, r.RequestId, r.Outcome, (int)r.Status, r.Detail),
        r.PrevHash,
        r.Hash);

    /// <summary>
    /// A key acts as instance administrator only when its holder is one and the key itself carries
    /// the admin scope: an administrator's read-only key stays inside its own project.
    /// </summary>
    public static Caller? ToDomain(this CallerRow r)
    {
        var isAdmin = r.IsAdmin != 0 && ((Scope)r.KeyScopes).HasFlag(Scope.Admin);
        if (r.Role is null && !isAdmin)
        {
            return null;
        }

        var role = isAdmin ? ProjectRole.Owner : Roles.Parse(r.Role);
        return new Caller(r.KeyId, r.KeyPrefix, r.PrincipalId, r.Principal, isAdmin, r.ProjectId, r.Project, role, (Scope)r.KeyScopes, r.ExpiresAt);
    }
}

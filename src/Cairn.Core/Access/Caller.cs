namespace Cairn.Core.Access;

/// <summary>The authenticated caller of a request: a key, its holder, its project and what it may do there.</summary>
/// <param name="KeyId">The key used.</param>
/// <param name="KeyPrefix">Display prefix of that key.</param>
/// <param name="PrincipalId">The holder's id.</param>
/// <param name="Principal">The holder's name.</param>
/// <param name="IsAdmin">Whether the holder administers the instance.</param>
/// <param name="ProjectId">The key's project id.</param>
/// <param name="Project">The key's project name.</param>
/// <param name="Role">The holder's role in that project (owner for instance administrators).</param>
/// <param name="KeyScopes">The scopes written on the key.</param>
/// <param name="ExpiresAt">When the key expires, or null.</param>
public sealed record Caller(
    long KeyId,
    string KeyPrefix,
    long PrincipalId,
    string Principal,
    bool IsAdmin,
    long ProjectId,
    string Project,
    ProjectRole Role,
    Scope KeyScopes,
    long? ExpiresAt)
{
    /// <summary>What the key may do: its scopes intersected with the holder's role.</summary>
    public Scope Effective => KeyScopes & Roles.Grants(Role);

    /// <summary>Whether the caller holds every scope in <paramref name="required"/>.</summary>
    public bool Has(Scope required) => (Effective & required) == required;

    /// <summary>A short description for the audit log, e.g. <c>alice (cairn_ab12cd)</c>.</summary>
    public string Actor => $"{Principal} ({KeyPrefix})";
}

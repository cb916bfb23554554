using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Governance.Keys;

namespace Cairn.Governance.Access;

/// <summary>
/// Projects, members and keys, with the isolation rule applied in one place: a key sees only its
/// own project (instance administrators see all), and a project it cannot see does not exist for it.
/// </summary>
public sealed class AccessService(IProjectStore projects, IKeyStore keys, CallerCache cache, TimeProvider time)
{
    /// <summary>The longest project description accepted.</summary>
    public const int MaxDescription = 2000;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Projects the caller can see.</summary>
    public async Task<IReadOnlyList<Project>> ListProjectsAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = await projects.ListProjectsAsync(ct).ConfigureAwait(false);
        return caller.IsAdmin ? all : all.Where(p => p.Id == caller.ProjectId).ToList();
    }

    /// <summary>Creates a project; only instance administrators with the admin scope may.</summary>
    public async Task<Project> CreateProjectAsync(Caller caller, string? name, string? description, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin || !caller.Has(Scope.Admin))
        {
            throw CairnException.Forbidden("creating a project needs an instance administrator's key with the admin scope");
        }

        var slug = Names.RequireSlug(name, "name");
        var text = Names.OptionalText(description, "description", MaxDescription);
        var creator = await keys.GetPrincipalAsync(caller.Principal, ct).ConfigureAwait(false)
            ?? throw CairnException.Forbidden("the caller's principal no longer exists");
        return await projects.CreateProjectAsync(slug, text, creator, Now, ct).ConfigureAwait(false);
    }

    /// <summary>A project the caller can see and act on with <paramref name="required"/>; NotFound when invisible, Forbidden when short of rights.</summary>
    public async Task<Project> RequireProjectAsync(Caller caller, string? name, Scope required, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var slug = Names.RequireSlug(name, "project");
        var project = await projects.GetProjectAsync(slug, ct).ConfigureAwait(false);
        if (project is null || (!caller.IsAdmin && project.Id != caller.ProjectId))
        {
            throw CairnException.NotFound("project", slug);
        }

        if (!caller.Has(required))
        {
            throw CairnException.Forbidden($"this needs the '{ScopeNames.Format(required)}' scope and a role that grants it in project '{slug}'");
        }

        return project;
    }

    /// <summary>Members of a visible project.</summary>
    public async Task<IReadOnlyList<Membership>> ListMembersAsync(Caller caller, string? project, CancellationToken ct)
    {
        var p = await RequireProjectAsync(caller, project, Scope.Read, ct).ConfigureAwait(false);
        return await projects.ListMembersAsync(p, ct).ConfigureAwait(false);
    }

    /// <summary>Grants or changes a member's role; needs admin in the project.</summary>
    public async Task<Membership> SetMemberAsync(Caller caller, string? project, string? principal, string? role, CancellationToken ct)
    {
        var p = await RequireProjectAsync(caller, project, Scope.Admin, ct).ConfigureAwait(false);
        var name = Names.RequireSlug(principal, "principal");
        var parsed = Roles.Parse(role);
        if (string.Equals(name, caller.Principal, StringComparison.Ordinal) && parsed != ProjectRole.Owner && !caller.IsAdmin)
        {
            throw CairnException.Conflict("an owner cannot lower their own role; ask another owner");
        }

        var membership = await projects.SetMemberAsync(p, name, parsed, Now, ct).ConfigureAwait(false);
        cache.ForgetProject(p.Id);
        return membership;
    }

    /// <summary>Removes a member and revokes their keys in the project.</summary>
    public async Task RemoveMemberAsync(Caller caller, string? project, string? principal, CancellationToken ct)
    {
        var p = await RequireProjectAsync(caller, project, Scope.Admin, ct).ConfigureAwait(false);
        var name = Names.RequireSlug(principal, "principal");
        if (string.Equals(name, caller.Principal, StringComparison.Ordinal))
        {
            throw CairnException.Conflict("you cannot remove yourself; ask another owner");
        }

        if (!await projects.RemoveMemberAsync(p, name, Now, ct).ConfigureAwait(false))
        {
            throw CairnException.NotFound("member", name);
        }

        cache.ForgetProject(p.Id);
    }

    /// <summary>Keys of a project; needs admin there.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(Caller caller, string? project, CancellationToken ct)
    {
        var p = await RequireProjectAsync(caller, project, Scope.Admin, ct).ConfigureAwait(false);
        return await keys.ListKeysAsync(p.Id, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a key for a member (the caller by default). Its scopes may exceed neither the
    /// holder's role nor the caller's own key, so no key can mint a stronger one.
    /// </summary>
    public async Task<CreatedKey> CreateKeyAsync(Caller caller, string? project, KeyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = await RequireProjectAsync(caller, project, Scope.Admin, ct).ConfigureAwait(false);
        var label = Names.OptionalText(request.Name, "name", 200);
        if (label.Length == 0)
        {
            throw CairnException.Invalid("name", "is required");
        }

        var scopes = ScopeNames.Parse(request.Scopes);
        var holderName = string.IsNullOrWhiteSpace(request.Principal) ? caller.Principal : Names.RequireSlug(request.Principal, "principal");
        var holder = await keys.GetPrincipalAsync(holderName, ct).ConfigureAwait(false);
        if (holder is not null && holder.IsAdmin && !caller.IsAdmin)
        {
            throw CairnException.Forbidden($"only an instance administrator may create keys for the instance administrator '{holderName}'");
        }

        var role = holder is null ? null : await projects.GetRoleAsync(p.Id, holder.Id, ct).ConfigureAwait(false);
        if (holder is null || (role is null && !(holder.IsAdmin && scopes.HasFlag(Scope.Admin))))
        {
            throw CairnException.Invalid("principal", $"'{holderName}' is not a member of project '{p.Name}'; add them as a member first");
        }

        var granted = holder.IsAdmin ? Scope.All : Roles.Grants(role!.Value);
        if ((scopes & ~granted) != Scope.None)
        {
            throw CairnException.Invalid("scopes", $"'{ScopeNames.Format(scopes & ~granted)}' exceeds what the role of '{holderName}' grants ({ScopeNames.Format(granted)})");
        }

        // No key mints a stronger one, an administrator's included.
        if ((scopes & ~caller.Effective) != Scope.None)
        {
            throw CairnException.Forbidden($"a key cannot create a key with scopes it does not hold itself ('{ScopeNames.Format(scopes & ~caller.Effective)}')");
        }

        if (request.ExpiresInDays is < 1 or > 3650)
        {
            throw CairnException.Invalid("expires_in_days", "must be between 1 and 3650");
        }

        var now = Now;
        long? expires = request.ExpiresInDays is { } days ? now + (days * 86_400_000L) : null;
        var secret = ApiKeySecret.Generate();
        var info = await keys.CreateKeyAsync(
            new NewApiKey(p.Id, holder.Id, label, ApiKeySecret.PrefixOf(secret), ApiKeySecret.Hash(secret), scopes, now, expires), ct).ConfigureAwait(false);
        return new CreatedKey(info, secret);
    }

    /// <summary>Revokes a key of a project.</summary>
    public async Task RevokeKeyAsync(Caller caller, string? project, long keyId, CancellationToken ct)
    {
        var p = await RequireProjectAsync(caller, project, Scope.Admin, ct).ConfigureAwait(false);
        if (!await keys.RevokeKeyAsync(p.Id, keyId, Now, ct).ConfigureAwait(false))
        {
            throw CairnException.NotFound("active key", keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        cache.ForgetKey(keyId);
    }
}

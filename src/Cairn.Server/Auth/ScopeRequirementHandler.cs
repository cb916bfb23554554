using Cairn.Governance.Access;
using Cairn.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace Cairn.Server.Auth;

/// <summary>Checks a <see cref="ScopeRequirement"/> and explains a refusal.</summary>
public sealed class ScopeRequirementHandler(IHttpContextAccessor http) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var caller = http.HttpContext?.FindCaller();
        if (caller is null)
        {
            return Task.CompletedTask;
        }

        if (caller.Has(requirement.Scope))
        {
            context.Succeed(requirement);
        }
        else
        {
            var name = ScopeNames.Format(requirement.Scope);
            var why = caller.KeyScopes.HasFlag(requirement.Scope)
                ? $"the role '{Roles.Format(caller.Role)}' in project '{caller.Project}' does not grant the '{name}' scope"
                : $"the key does not carry the '{name}' scope";
            context.Fail(new AuthorizationFailureReason(this, why));
        }

        return Task.CompletedTask;
    }
}

using Cairn.Core.Access;
using Cairn.Governance.Access;
using Microsoft.AspNetCore.Authorization;

namespace Cairn.Server.Auth;

/// <summary>One authorization policy per scope, and the fallback that makes every other route need a key.</summary>
public static class Permissions
{
    /// <summary>Registers authentication and the scope policies; routes without metadata require an authenticated caller.</summary>
    public static IServiceCollection AddCairnAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddAuthentication(CairnAuth.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CairnAuthenticationHandler>(CairnAuth.Scheme, null);
        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(CairnAuth.Scheme).RequireAuthenticatedUser().Build())
            .AddPolicy(PolicyName(Scope.Read), p => Require(p, Scope.Read))
            .AddPolicy(PolicyName(Scope.Write), p => Require(p, Scope.Write))
            .AddPolicy(PolicyName(Scope.Deploy), p => Require(p, Scope.Deploy))
            .AddPolicy(PolicyName(Scope.Admin), p => Require(p, Scope.Admin))
            .AddPolicy(PolicyName(Scope.Deanonymize), p => Require(p, Scope.Deanonymize));
        return services;
    }

    private static string PolicyName(Scope scope) => ScopePolicies.PolicyName(scope);

    private static void Require(AuthorizationPolicyBuilder policy, Scope scope) =>
        policy.AddAuthenticationSchemes(CairnAuth.Scheme).RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope));
}

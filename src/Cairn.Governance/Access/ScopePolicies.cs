using Cairn.Core.Access;
using Microsoft.AspNetCore.Builder;

namespace Cairn.Governance.Access;

/// <summary>Names of the per-scope authorization policies, so every module's routes can require one.</summary>
public static class ScopePolicies
{
    /// <summary>The policy name of a scope, e.g. <c>scope:read</c>.</summary>
    public static string PolicyName(Scope scope) => "scope:" + ScopeNames.Format(scope);

    /// <summary>Requires an authenticated caller holding <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, Scope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName(scope));
}

using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Governance.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cairn.Server.Api;

/// <summary><c>GET /api/v1/me</c>: who the key belongs to and what it may do.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", GetMe).WithName("GetMe").WithTags("Access").RequireScope(Scope.Read);
        return app;
    }

    public static Ok<MeDto> GetMe(HttpContext http) => TypedResults.Ok(http.GetCaller().ToMe());
}

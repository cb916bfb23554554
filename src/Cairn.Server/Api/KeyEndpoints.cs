using System.Globalization;
using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/projects/{project}/keys</c>: create (secret shown once), list and revoke keys.</summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/projects/{project}/keys").WithTags("Keys");
        keys.MapGet("/", ListKeys).WithName("ListKeys").RequireScope(Scope.Admin);
        keys.MapPost("/", CreateKey).WithName("CreateKey").RequireScope(Scope.Admin);
        keys.MapDelete("/{id:long}", RevokeKey).WithName("RevokeKey").RequireScope(Scope.Admin);
        return app;
    }

    public static async Task<Ok<KeyDto[]>> ListKeys(string project, HttpContext http, AccessService access, CancellationToken ct) =>
        TypedResults.Ok((await access.ListKeysAsync(http.GetCaller(), project, ct)).Select(k => k.ToDto()).ToArray());

    public static async Task<Created<CreatedKeyDto>> CreateKey(
        string project, CreateKeyRequest request, HttpContext http, AccessService access, CancellationToken ct)
    {
        var created = await access.CreateKeyAsync(
            http.GetCaller(), project, new KeyRequest(request.Name, request.Scopes, request.Principal, request.ExpiresInDays), ct);
        http.SetAuditDetail(string.Create(CultureInfo.InvariantCulture, $"key {created.Info.Id} ({created.Info.Prefix}) for {created.Info.Principal}: {ScopeNames.Format(created.Info.Scopes)}"));
        return TypedResults.Created($"/api/v1/projects/{project}/keys/{created.Info.Id}", new CreatedKeyDto(created.Info.ToDto(), created.Secret));
    }

    public static async Task<NoContent> RevokeKey(string project, long id, HttpContext http, AccessService access, CancellationToken ct)
    {
        await access.RevokeKeyAsync(http.GetCaller(), project, id, ct);
        http.SetAuditDetail(string.Create(CultureInfo.InvariantCulture, $"key {id} revoked"));
        return TypedResults.NoContent();
    }
}

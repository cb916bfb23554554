using System.Globalization;
using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Core.Registry;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server.Api;

/// <summary>Signing keys and signatures, verification, the policy, aliases and promotion requests, lineage.</summary>
public static partial class RegistryEndpoints
{
    private static void MapGovernance(IEndpointRouteBuilder app, RouteGroupBuilder models)
    {
        models.MapPost("/{name}/versions/{version}/signatures", AddSignature).WithName("SignModelVersion").RequireScope(Scope.Write);
        models.MapGet("/{name}/versions/{version}/verify", Verify).WithName("VerifyModelVersion").RequireScope(Scope.Read);
        models.MapGet("/{name}/aliases/{alias}", GetAlias).WithName("GetModelAlias").RequireScope(Scope.Read);
        models.MapPut("/{name}/aliases/{alias}", SetAlias).WithName("SetModelAlias").RequireScope(Scope.Write);
        models.MapDelete("/{name}/aliases/{alias}", DeleteAlias).WithName("DeleteModelAlias").RequireScope(Scope.Write);
        models.MapPost("/{name}/promotions", RequestPromotion).WithName("RequestPromotion").RequireScope(Scope.Write);

        var promotions = app.MapGroup("/api/v1/promotions").WithTags("Registry");
        promotions.MapGet("/", ListPromotions).WithName("ListPromotions").RequireScope(Scope.Read);
        promotions.MapGet("/{id:long}", GetPromotion).WithName("GetPromotion").RequireScope(Scope.Read);
        promotions.MapPost("/{id:long}/approve", Approve).WithName("ApprovePromotion").RequireScope(Scope.Write);
        promotions.MapPost("/{id:long}/reject", Reject).WithName("RejectPromotion").RequireScope(Scope.Write);

        var keys = app.MapGroup("/api/v1/signing-keys").WithTags("Registry");
        keys.MapGet("/", ListKeys).WithName("ListSigningKeys").RequireScope(Scope.Read);
        keys.MapPost("/", AddKey).WithName("AddSigningKey").RequireScope(Scope.Admin);
        keys.MapDelete("/{keyId}", RevokeKey).WithName("RevokeSigningKey").RequireScope(Scope.Admin);

        app.MapGet("/api/v1/registry/policy", GetPolicy).WithTags("Registry").WithName("GetRegistryPolicy").RequireScope(Scope.Read);
        app.MapPut("/api/v1/registry/policy", SetPolicy).WithTags("Registry").WithName("SetRegistryPolicy").RequireScope(Scope.Admin);
        app.MapGet("/api/v1/lineage", Lineage).WithTags("Registry").WithName("GetLineage").RequireScope(Scope.Read);
    }

    public static async Task<Ok<SignatureStateDto>> AddSignature(
        string name, string version, AddSignatureRequest request, HttpContext http, SigningService signing, CancellationToken ct)
    {
        var (checkedName, number) = (RegistryValidation.Name(name), RegistryValidation.Version(version));
        http.SetAuditDetail($"{checkedName} version {N(number)} signature by key {request.KeyId ?? "(any)"}");
        var state = await signing.AddSignatureAsync(Project(http), checkedName, number, request.KeyId, request.Signature, http.GetCaller().Principal, ct);
        http.SetAuditDetail($"{checkedName} version {N(number)} signed with key {state.KeyId} ({state.KeyName})");
        return TypedResults.Ok(state.ToDto());
    }

    public static async Task<Ok<VerificationDto>> Verify(
        string name, string version, HttpContext http, SigningService signing, CancellationToken ct, [FromQuery(Name = "rehash")] bool rehash = true) =>
        TypedResults.Ok((await signing.VerifyAsync(Project(http), RegistryValidation.Name(name), RegistryValidation.Version(version), rehash, ct)).ToDto());

    public static async Task<Ok<ModelVersionDto>> GetAlias(string name, string alias, HttpContext http, RegistryService registry, CancellationToken ct) =>
        TypedResults.Ok((await registry.GetByAliasAsync(Project(http), name, alias, ct)).ToDto());

    public static async Task<Ok<ModelVersionDto>> SetAlias(
        string name, string alias, PromotionRequestBody request, HttpContext http, PromotionService promotions, RegistryService registry, CancellationToken ct)
    {
        var version = request.Version?.ToString(CultureInfo.InvariantCulture);
        http.SetAuditDetail($"alias {alias} of {name} -> version {version}");
        await promotions.SetAliasAsync(Project(http), name, alias, version, ct);
        return TypedResults.Ok((await registry.GetByAliasAsync(Project(http), name, alias, ct)).ToDto());
    }

    public static async Task<NoContent> DeleteAlias(string name, string alias, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        await promotions.DeleteAliasAsync(Project(http), http.GetCaller(), name, alias, ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> RequestPromotion(string name, PromotionRequestBody request, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var view = await promotions.RequestAsync(Project(http), http.GetCaller(), name, request.Alias, request.Version?.ToString(CultureInfo.InvariantCulture), ct);
        Describe(http, view, "requested");
        return view.Status == PromotionStatus.Promoted ? TypedResults.Ok(view.ToDto()) : TypedResults.Accepted($"/api/v1/promotions/{view.Request?.Id}", view.ToDto());
    }

    public static async Task<Ok<PromotionDto[]>> ListPromotions(
        HttpContext http, PromotionService promotions, CancellationToken ct, [FromQuery(Name = "status")] string? status = null) =>
        TypedResults.Ok((await promotions.ListAsync(Project(http), status, ct)).Select(v => v.ToDto()).ToArray());

    public static async Task<Ok<PromotionDto>> GetPromotion(long id, HttpContext http, PromotionService promotions, CancellationToken ct) =>
        TypedResults.Ok((await promotions.ViewAsync(Project(http), id, ct)).ToDto());

    public static async Task<Ok<PromotionDto>> Approve(long id, ReviewRequest? request, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var view = await promotions.ReviewAsync(Project(http), http.GetCaller(), id, approve: true, request?.Comment, ct);
        Describe(http, view, "approved");
        return TypedResults.Ok(view.ToDto());
    }

    public static async Task<Ok<PromotionDto>> Reject(long id, ReviewRequest? request, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var view = await promotions.ReviewAsync(Project(http), http.GetCaller(), id, approve: false, request?.Comment, ct);
        Describe(http, view, "rejected");
        return TypedResults.Ok(view.ToDto());
    }

    private static void Describe(HttpContext http, PromotionView view, string what) =>
        http.SetAuditDetail(
            $"promotion {(view.Request is { } r ? "#" + N(r.Id) : "(direct)")} {what}: alias {view.Alias} of {view.Name} -> version {N(view.Version)}; status {view.Status}"
            + (view.Missing.Count > 0 ? "; missing: " + string.Join("; ", view.Missing) : ""));

    public static async Task<Ok<SigningKeyDto[]>> ListKeys(HttpContext http, SigningService signing, CancellationToken ct) =>
        TypedResults.Ok((await signing.ListKeysAsync(Project(http), ct)).Select(k => k.ToDto()).ToArray());

    public static async Task<Created<SigningKeyDto>> AddKey(AddSigningKeyRequest request, HttpContext http, SigningService signing, CancellationToken ct)
    {
        var key = await signing.AddKeyAsync(Project(http), request.Name, request.PublicKey, http.GetCaller().Principal, ct);
        http.SetAuditDetail($"signing key {key.Name} fingerprint {key.Id}");
        return TypedResults.Created($"/api/v1/signing-keys/{key.Id}", key.ToDto());
    }

    public static async Task<NoContent> RevokeKey(string keyId, HttpContext http, SigningService signing, CancellationToken ct)
    {
        await signing.RevokeKeyAsync(Project(http), keyId, ct);
        http.SetAuditDetail($"signing key {keyId} revoked");
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RegistryPolicyDto>> GetPolicy(HttpContext http, PolicyService policies, CancellationToken ct) =>
        TypedResults.Ok((await policies.GetAsync(Project(http), ct)).ToDto());

    public static async Task<Ok<RegistryPolicyDto>> SetPolicy(RegistryPolicyDto request, HttpContext http, PolicyService policies, CancellationToken ct)
    {
        var policy = await policies.SetAsync(
            Project(http), request.RequireSignature, request.ProtectedAliases, request.Approvals,
            request.EvaluationGate?.Select(t => t is null ? null! : new MetricThreshold(t.Metric!, t.Op!, t.Value)).ToList(), http.GetCaller().Principal, ct);
        http.SetAuditDetail(
            $"signature required for [{string.Join(",", policy.RequireSignature)}]; protected [{string.Join(",", policy.ProtectedAliases)}]; approvals "
            + string.Join(",", policy.Approvals.Select(a => $"{a.Key}={a.Value}")) + $"; gate [{string.Join(", ", policy.EvaluationGate)}]");
        return TypedResults.Ok(policy.ToDto());
    }

    public static async Task<Ok<LineageGraphDto>> Lineage(
        HttpContext http, LineageService lineage, CancellationToken ct,
        [FromQuery(Name = "kind")] string? kind = null, [FromQuery(Name = "key")] string? key = null,
        [FromQuery(Name = "direction")] string? direction = null, [FromQuery(Name = "depth")] int? depth = null) =>
        TypedResults.Ok((await lineage.GraphAsync(Project(http), kind, key, direction, depth, ct)).ToDto());
}

using System.Globalization;
using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Mlflow;
using Cairn.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;

namespace Cairn.Server.Api;

/// <summary>
/// <c>/api/v1/models</c>: registered models and versions over the same service as the MLflow registry
/// API, plus manifests, verified downloads, model cards, retention and evaluation links.
/// </summary>
public static partial class RegistryEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/models").WithTags("Registry");
        models.MapGet("/", ListModels).WithName("ListModels").RequireScope(Scope.Read);
        models.MapPost("/", CreateModel).WithName("CreateModel").RequireScope(Scope.Write);
        models.MapGet("/{name}", GetModel).WithName("GetModel").RequireScope(Scope.Read);
        models.MapPatch("/{name}", UpdateModel).WithName("UpdateModel").RequireScope(Scope.Write);
        models.MapDelete("/{name}", DeleteModel).WithName("DeleteModel").RequireScope(Scope.Write);
        models.MapGet("/{name}/versions", ListVersions).WithName("ListModelVersions").RequireScope(Scope.Read);
        models.MapPost("/{name}/versions", RegisterVersion).WithName("RegisterModelVersion").RequireScope(Scope.Write);
        models.MapPost("/{name}/versions/upload", UploadVersion).WithName("UploadModelVersion").RequireScope(Scope.Write);
        models.MapGet("/{name}/versions/{version}", GetVersion).WithName("GetModelVersion").RequireScope(Scope.Read);
        models.MapGet("/{name}/versions/{version}/files", ListFiles).WithName("ListModelVersionFiles").RequireScope(Scope.Read);
        models.MapGet("/{name}/versions/{version}/files/{**path}", DownloadFile).WithName("DownloadModelVersionFile").RequireScope(Scope.Read);
        models.MapPost("/{name}/versions/{version}/evaluations", LinkEvaluation).WithName("LinkEvaluationRun").RequireScope(Scope.Write);
        models.MapGet("/{name}/versions/{version}/card", GetCard).WithName("GetModelCard").RequireScope(Scope.Read);
        models.MapPut("/{name}/versions/{version}/card", SetCard).WithName("SetModelCard").RequireScope(Scope.Write);
        models.MapGet("/{name}/retention", GetRetention).WithName("GetRetention").RequireScope(Scope.Read);
        models.MapPut("/{name}/retention", SetRetention).WithName("SetRetention").RequireScope(Scope.Write);
        models.MapPost("/{name}/gc", CollectModel).WithName("CollectModelVersions").RequireScope(Scope.Write);
        app.MapPost("/api/v1/registry/gc", CollectAll).WithTags("Registry").WithName("CollectRegistry").RequireScope(Scope.Write);
        MapGovernance(app, models);
        return app;
    }

    private static long Project(HttpContext http) => http.GetCaller().ProjectId;

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    public static async Task<Ok<ModelDto[]>> ListModels(HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var latest = (await registry.LatestVersionsOfAllAsync(Project(http), ct)).ToDictionary(g => g.Key, g => g.Max(v => v.Version));
        var models = await registry.ListModelsAsync(Project(http), ct);
        return TypedResults.Ok(models.Select(m => m.ToDto(latest.TryGetValue(m.Name, out var v) ? v : null)).ToArray());
    }

    public static async Task<Created<ModelDto>> CreateModel(CreateModelRequest request, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var m = await registry.CreateModelAsync(Project(http), request.Name, request.Description, TrackingMapping.Pairs(request.Tags), request.RiskTier, http.GetCaller().Principal, ct);
        return TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(m.Name)}", m.ToDto());
    }

    public static async Task<Ok<ModelDto>> GetModel(string name, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var m = await registry.GetModelAsync(Project(http), name, ct);
        var versions = await registry.ListVersionsAsync(Project(http), name, ct);
        return TypedResults.Ok(m.ToDto(versions.Count > 0 ? versions.Max(v => v.Version) : null));
    }

    public static async Task<Ok<ModelDto>> UpdateModel(string name, UpdateModelRequest request, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        // The tier decides approvals and signatures; only those who may approve can change it.
        if (request.RiskTier is not null && !Roles.CanApprove(http.GetCaller().Role))
        {
            throw CairnException.Forbidden("changing a model's risk tier needs the approver or owner role");
        }

        http.SetAuditDetail(request.RiskTier is null ? $"model {name}" : $"model {name}: risk tier -> {request.RiskTier}");
        return TypedResults.Ok((await registry.UpdateModelAsync(Project(http), name, request.Description, request.RiskTier, ct)).ToDto());
    }

    public static async Task<NoContent> DeleteModel(string name, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.DeleteModelAsync(Project(http), name, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ModelVersionDto[]>> ListVersions(string name, HttpContext http, RegistryService registry, CancellationToken ct) =>
        TypedResults.Ok((await registry.ListVersionsAsync(Project(http), name, ct)).OrderByDescending(v => v.Version).Select(v => v.ToDto()).ToArray());

    public static async Task<Created<ModelVersionDto>> RegisterVersion(string name, RegisterVersionRequest request, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var v = await registry.CreateVersionAsync(
            Project(http), name, request.Source, request.RunId, null, TrackingMapping.Pairs(request.Tags), request.Description, http.GetCaller().Principal, ct);
        http.SetAuditDetail($"{v.Name} version {N(v.Version)} digest {v.Digest}");
        return TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(v.Name)}/versions/{N(v.Version)}", v.ToDto());
    }

    public static async Task<Ok<ModelVersionDto>> GetVersion(string name, string version, HttpContext http, RegistryService registry, CancellationToken ct) =>
        TypedResults.Ok((await registry.GetVersionAsync(Project(http), name, version, ct)).ToDto());

    public static async Task<Ok<ModelFileDto[]>> ListFiles(string name, string version, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var files = await registry.FilesAsync(Project(http), RegistryValidation.Name(name), RegistryValidation.Version(version), ct);
        return TypedResults.Ok(files.Select(f => new ModelFileDto(f.Path, f.Sha256, f.Size)).ToArray());
    }

    public static async Task<FileStreamHttpResult> DownloadFile(
        string name, string version, string path, HttpContext http, LoadGuard guard, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        var (file, content) = await guard.OpenFileAsync(
            http.GetCaller(), $"GET {http.Request.Path}", RegistryValidation.Name(name), RegistryValidation.Version(version), Core.Storage.ArtifactPath.Normalize(path), ct);
        var fileName = file.Path[(file.Path.LastIndexOf('/') + 1)..];
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers["X-Content-SHA256"] = file.Sha256;
        return TypedResults.Stream(content, ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream", fileName);
    }

    public static async Task<NoContent> LinkEvaluation(
        string name, string version, LinkRunRequest request, HttpContext http, RegistryService registry, Core.Storage.IRegistryGovernanceStore store, Core.Storage.ITrackingStore tracking, TimeProvider time, CancellationToken ct)
    {
        var target = await registry.GetVersionAsync(Project(http), name, version, ct);
        var runId = Tracking.TrackingService.RunId(request.RunId);
        if (await tracking.GetRunAsync(Project(http), runId, ct) is null)
        {
            throw CairnException.Invalid("run_id", $"run {runId} does not exist in this project");
        }

        await store.AddVersionEdgeAsync(Project(http), target.Name, target.Version, LineageRelations.EvaluatedBy, LineageKinds.Run, runId, time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        http.SetAuditDetail($"{target.Name} version {N(target.Version)} evaluated by run {runId}");
        return TypedResults.NoContent();
    }

    public static async Task<IResult> GetCard(
        string name, string version, HttpContext http, ModelCardService cards, CancellationToken ct, [FromQuery(Name = "format")] string? format = null)
    {
        var card = await cards.BuildAsync(Project(http), RegistryValidation.Name(name), RegistryValidation.Version(version), ct);
        return format switch
        {
            null or "json" => TypedResults.Ok(new ModelCardDto(card.Fields.ToDto(), ModelCardWriter.Markdown(card))),
            "md" or "markdown" => TypedResults.Text(ModelCardWriter.Markdown(card), "text/markdown; charset=utf-8"),
            "html" => HtmlCard(http, ModelCardWriter.Html(card)),
            _ => throw CairnException.Invalid("format", "must be json, md or html"),
        };
    }

    private static IResult HtmlCard(HttpContext http, string html)
    {
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return TypedResults.Text(html, "text/html; charset=utf-8");
    }

    public static async Task<Ok<ModelCardFieldsDto>> SetCard(string name, string version, ModelCardFieldsDto request, HttpContext http, ModelCardService cards, CancellationToken ct)
    {
        var fields = await cards.SetFieldsAsync(Project(http), RegistryValidation.Name(name), RegistryValidation.Version(version), request.ToFields(), http.GetCaller().Principal, ct);
        return TypedResults.Ok(fields.ToDto());
    }

    public static async Task<Ok<RetentionDto>> GetRetention(string name, HttpContext http, RetentionService retention, CancellationToken ct) =>
        TypedResults.Ok(await retention.GetAsync(Project(http), name, ct) is { } p ? new RetentionDto(p.KeepLast, p.KeepDays) : new RetentionDto(null, null));

    public static async Task<Ok<RetentionDto>> SetRetention(string name, RetentionDto request, HttpContext http, RetentionService retention, CancellationToken ct)
    {
        var p = await retention.SetAsync(Project(http), name, request.KeepLast, request.KeepDays, ct);
        return TypedResults.Ok(new RetentionDto(p.KeepLast, p.KeepDays));
    }

    public static async Task<Ok<RetentionRunDto>> CollectModel(
        string name, HttpContext http, RetentionService retention, CancellationToken ct, [FromQuery(Name = "dry_run")] bool dryRun = false) =>
        await CollectAsync(http, retention, name, dryRun, ct);

    public static async Task<Ok<RetentionRunDto>> CollectAll(HttpContext http, RetentionService retention, CancellationToken ct, [FromQuery(Name = "dry_run")] bool dryRun = false) =>
        await CollectAsync(http, retention, null, dryRun, ct);

    private static async Task<Ok<RetentionRunDto>> CollectAsync(HttpContext http, RetentionService retention, string? name, bool dryRun, CancellationToken ct)
    {
        var decisions = await retention.RunAsync(Project(http), name, dryRun, ct);
        var gone = decisions.Where(d => d.Delete).Select(d => $"{d.Name}/{N(d.Version)}").ToList();
        http.SetAuditDetail((dryRun ? "dry run; would delete " : "deleted ") + (gone.Count == 0 ? "nothing" : string.Join(", ", gone.Take(50))));
        return TypedResults.Ok(decisions.ToDto(dryRun));
    }
}

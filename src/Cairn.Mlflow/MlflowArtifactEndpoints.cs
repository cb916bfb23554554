using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Registry;
using Cairn.Tracking.Artifacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace Cairn.Mlflow;

/// <summary>
/// MLflow's artifact proxy (<c>/api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>, what
/// <c>mlflow server --serve-artifacts</c> offers): streamed upload, download, delete and listing,
/// confined to run artifact trees of the caller's project; and the tracking API's <c>artifacts/list</c>.
/// </summary>
public static class MlflowArtifactEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapMlflowArtifactEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, name) in new[] { ("/api/2.0/mlflow-artifacts", "mlflow"), ("/ajax-api/2.0/mlflow-artifacts", "ajax") })
        {
            var group = app.MapGroup(prefix).WithTags("MLflow artifacts");
            group.MapPut("/artifacts/{**path}", Upload).WithName($"{name}:UploadArtifact").RequireScope(Scope.Write);
            group.MapGet("/artifacts/{**path}", Download).WithName($"{name}:DownloadArtifact").RequireScope(Scope.Read);
            group.MapDelete("/artifacts/{**path}", Delete).WithName($"{name}:DeleteArtifact").RequireScope(Scope.Write);
            group.MapGet("/artifacts", List).WithName($"{name}:ListArtifacts").RequireScope(Scope.Read);
        }

        foreach (var (prefix, name) in new[] { ("/api/2.0/mlflow", "mlflow"), ("/ajax-api/2.0/mlflow", "ajax") })
        {
            app.MapGet(prefix + "/artifacts/list", ListRunArtifacts).WithName($"{name}:Get:/artifacts/list").WithTags("MLflow").RequireScope(Scope.Read);
        }

        return app;
    }

    public static async Task<IResult> Upload(string path, HttpContext http, ArtifactService artifacts, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        var target = ProxyPath.Parse(path, fileRequired: true);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = artifacts.MaxArtifactBytes;
        }

        var entry = await artifacts.UploadAsync(http.GetCaller().ProjectId, target, http.Request.Body, ct);
        http.SetAuditDetail($"artifact {entry.Path} ({entry.Size} bytes, sha256 {entry.Sha256[..12]}…) of {target.Owner}");
        return MlflowHttp.Empty();
    }

    public static async Task<IResult> Download(string path, HttpContext http, ArtifactService artifacts, LoadGuard guard, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        string filePath;
        Stream content;
        if (RegistryPath.Matches(path))
        {
            (filePath, content) = await RegistryDownload.OpenAsync(http, RegistryPath.Parse(path), guard, ct);
        }
        else
        {
            var (entry, stream) = await artifacts.OpenAsync(http.GetCaller().ProjectId, ProxyPath.Parse(path, fileRequired: true), ct);
            (filePath, content) = (entry.Path, stream);
        }

        var name = filePath[(filePath.LastIndexOf('/') + 1)..];

        // Artifacts are client-supplied content: never let one run as a page on Cairn's origin.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var type = ContentTypes.TryGetContentType(name, out var t) ? t : "application/octet-stream";
        return TypedResults.Stream(content, type, name);
    }

    public static async Task<IResult> Delete(string path, HttpContext http, ArtifactService artifacts, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        await artifacts.DeleteAsync(http.GetCaller().ProjectId, ProxyPath.Parse(path, fileRequired: true), ct);
        return MlflowHttp.Empty();
    }

    public static async Task<IResult> List(HttpContext http, ArtifactService artifacts, RegistryService registry, CancellationToken ct, [FromQuery(Name = "path")] string? path = null)
    {
        RawTargetGuard.Check(http);
        if (RegistryPath.Matches(path))
        {
            var files = await RegistryDownload.ListAsync(http, RegistryPath.Parse(path), registry, ct);
            return TypedResults.Json(new { files = MlflowJson.NonEmpty(files.Select(File)) }, MlflowJson.Options);
        }

        var listing = await artifacts.ListAsync(http.GetCaller().ProjectId, ProxyPath.Parse(path, fileRequired: false), runRelative: false, ct);
        return TypedResults.Json(new { files = MlflowJson.NonEmpty(listing.Select(File)) }, MlflowJson.Options);
    }

    public static async Task<IResult> ListRunArtifacts(
        HttpContext http, ArtifactService artifacts, CancellationToken ct,
        [FromQuery(Name = "run_id")] string? runId = null, [FromQuery(Name = "run_uuid")] string? runUuid = null, [FromQuery(Name = "path")] string? path = null)
    {
        RawTargetGuard.Check(http);
        var (run, directory) = await artifacts.ForRunAsync(http.GetCaller().ProjectId, runId ?? runUuid, path, ct);
        var listing = await artifacts.ListAsync(http.GetCaller().ProjectId, directory, runRelative: true, ct);
        return TypedResults.Json(new { root_uri = run.Info.ArtifactUri, files = MlflowJson.NonEmpty(listing.Select(File)) }, MlflowJson.Options);
    }

    // MLflow omits file_size for directories and for empty files (it drops falsy values).
    internal static object File(ArtifactListing l) => new { path = l.Path, is_dir = l.IsDir, file_size = l.IsDir || l.Size == 0 ? null : l.Size };
}

using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Mlflow;
using Cairn.Tracking.Artifacts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/runs/{id}/artifacts</c>: list, download and upload a run's files, with the same confinement as the MLflow proxy.</summary>
public static class RunArtifactEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapRunArtifactEndpoints(this IEndpointRouteBuilder app)
    {
        var artifacts = app.MapGroup("/api/v1/runs/{runId}/artifacts").WithTags("Tracking");
        artifacts.MapGet("/", List).WithName("ListRunArtifacts").RequireScope(Scope.Read);
        artifacts.MapGet("/{**path}", Download).WithName("DownloadRunArtifact").RequireScope(Scope.Read);
        artifacts.MapPut("/{**path}", Upload).WithName("UploadRunArtifact").RequireScope(Scope.Write);
        return app;
    }

    public static async Task<Ok<ArtifactFileDto[]>> List(
        string runId, HttpContext http, ArtifactService artifacts, CancellationToken ct, [FromQuery(Name = "path")] string? path = null)
    {
        RawTargetGuard.Check(http);
        var (_, directory) = await artifacts.ForRunAsync(http.GetCaller().ProjectId, runId, path, ct);
        var listing = await artifacts.ListAsync(http.GetCaller().ProjectId, directory, runRelative: true, ct);
        return TypedResults.Ok(listing.Select(l => new ArtifactFileDto(l.Path, l.IsDir, l.Size)).ToArray());
    }

    public static async Task<FileStreamHttpResult> Download(string runId, string path, HttpContext http, ArtifactService artifacts, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        var (_, file) = await artifacts.ForRunAsync(http.GetCaller().ProjectId, runId, Core.Storage.ArtifactPath.Normalize(path), ct);
        var (entry, content) = await artifacts.OpenAsync(http.GetCaller().ProjectId, file, ct);
        var name = entry.Path[(entry.Path.LastIndexOf('/') + 1)..];

        // Artifacts are client-supplied content: never let one run as a page on Cairn's origin.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Stream(content, ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream", name);
    }

    public static async Task<Created<ArtifactFileDto>> Upload(string runId, string path, HttpContext http, ArtifactService artifacts, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = artifacts.MaxArtifactBytes;
        }

        var (_, file) = await artifacts.ForRunAsync(http.GetCaller().ProjectId, runId, Core.Storage.ArtifactPath.Normalize(path), ct);
        var entry = await artifacts.UploadAsync(http.GetCaller().ProjectId, file, http.Request.Body, ct);
        return TypedResults.Created($"/api/v1/runs/{runId}/artifacts/{entry.Path}", new ArtifactFileDto(entry.Path, false, entry.Size));
    }
}

using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Mlflow.Wire;
using Cairn.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

using static Cairn.Mlflow.MlflowHttp;
using static Cairn.Mlflow.MlflowRunEndpoints;

namespace Cairn.Mlflow;

/// <summary>The MLflow Model Registry REST API (<c>registered-models/*</c>, <c>model-versions/*</c>) over Cairn's registry.</summary>
internal static class MlflowRegistryEndpoints
{
    public static void Map(MlflowRoutes.RouteTable routes)
    {
        routes.Post("/registered-models/create", CreateModel, Scope.Write);
        routes.Get("/registered-models/get", GetModel, Scope.Read);
        routes.Patch("/registered-models/update", UpdateModel, Scope.Write);
        routes.Post("/registered-models/rename", RenameModel, Scope.Write);
        routes.Delete("/registered-models/delete", DeleteModel, Scope.Write);
        routes.Get("/registered-models/search", SearchModels, Scope.Read);
        routes.Post("/registered-models/get-latest-versions", LatestVersions, Scope.Read);
        routes.Get("/registered-models/get-latest-versions", LatestVersionsByQuery, Scope.Read);
        routes.Post("/registered-models/set-tag", SetModelTag, Scope.Write);
        routes.Delete("/registered-models/delete-tag", DeleteModelTag, Scope.Write);
        routes.Post("/registered-models/alias", SetAlias, Scope.Write);
        routes.Delete("/registered-models/alias", DeleteAlias, Scope.Write);
        routes.Get("/registered-models/alias", GetByAlias, Scope.Read);
        routes.Post("/model-versions/create", CreateVersion, Scope.Write);
        routes.Get("/model-versions/get", GetVersion, Scope.Read);
        routes.Patch("/model-versions/update", UpdateVersion, Scope.Write);
        routes.Post("/model-versions/transition-stage", TransitionStage, Scope.Write);
        routes.Delete("/model-versions/delete", DeleteVersion, Scope.Write);
        routes.Get("/model-versions/search", SearchVersions, Scope.Read);
        routes.Get("/model-versions/get-download-uri", DownloadUri, Scope.Read);
        routes.Post("/model-versions/set-tag", SetVersionTag, Scope.Write);
        routes.Delete("/model-versions/delete-tag", DeleteVersionTag, Scope.Write);
    }

    private static async Task<IResult> Model(HttpContext http, RegistryService registry, string name, CancellationToken ct)
    {
        var model = await registry.GetModelAsync(Project(http), name, ct);
        var latest = await registry.LatestVersionsAsync(Project(http), model.Name, null, ct);
        return Json(new { registered_model = WireRegisteredModel.From(model, latest) });
    }

    public static async Task<IResult> CreateModel(RegisteredModelBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var model = await registry.CreateModelAsync(Project(http), body.Name, body.Description, Pairs(body.Tags), null, http.GetCaller().Principal, ct);
        return Json(new { registered_model = WireRegisteredModel.From(model) });
    }

    public static Task<IResult> GetModel(HttpContext http, RegistryService registry, CancellationToken ct, [FromQuery(Name = "name")] string? name = null) =>
        Model(http, registry, name!, ct);

    public static async Task<IResult> UpdateModel(RegisteredModelBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var model = await registry.UpdateModelAsync(Project(http), body.Name, body.Description, null, ct);
        return Json(new { registered_model = WireRegisteredModel.From(model) });
    }

    public static async Task<IResult> RenameModel(RegisteredModelBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var model = await registry.RenameModelAsync(Project(http), body.Name, body.NewName, ct);
        return await Model(http, registry, model.Name, ct);
    }

    public static async Task<IResult> DeleteModel([FromBody] RegisteredModelBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.DeleteModelAsync(Project(http), body.Name, ct);
        return Empty();
    }

    public static async Task<IResult> SearchModels(
        HttpContext http, RegistryService registry, CancellationToken ct,
        [FromQuery(Name = "filter")] string? filter = null, [FromQuery(Name = "max_results")] int? maxResults = null,
        [FromQuery(Name = "order_by")] string[]? orderBy = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var (models, next) = await registry.SearchModelsAsync(Project(http), filter, maxResults, orderBy, pageToken, ct);
        var latest = models.Count == 0 ? null : await registry.LatestVersionsOfAllAsync(Project(http), ct);
        var items = models.Select(m => WireRegisteredModel.From(m, latest![m.Name].ToList()));
        return Json(new { registered_models = MlflowJson.NonEmpty(items), next_page_token = next });
    }

    public static async Task<IResult> LatestVersions(LatestVersionsBody body, HttpContext http, RegistryService registry, CancellationToken ct) =>
        Json(new { model_versions = MlflowJson.NonEmpty((await registry.LatestVersionsAsync(Project(http), body.Name, body.Stages, ct)).Select(WireModelVersion.From)) });

    public static async Task<IResult> LatestVersionsByQuery(
        HttpContext http, RegistryService registry, CancellationToken ct, [FromQuery(Name = "name")] string? name = null, [FromQuery(Name = "stages")] string[]? stages = null) =>
        Json(new { model_versions = MlflowJson.NonEmpty((await registry.LatestVersionsAsync(Project(http), name, stages, ct)).Select(WireModelVersion.From)) });

    public static async Task<IResult> SetModelTag(RegisteredModelBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.SetModelTagAsync(Project(http), body.Name, body.Key, body.Value, delete: false, ct);
        return Empty();
    }

    public static async Task<IResult> DeleteModelTag([FromBody] RegisteredModelBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.SetModelTagAsync(Project(http), body.Name, body.Key, null, delete: true, ct);
        return Empty();
    }

    public static async Task<IResult> SetAlias(RegisteredModelBody body, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        // A protected alias moves only when the policy's requirements hold; otherwise 409 naming what is missing.
        http.SetAuditDetail($"alias {body.Alias} of {body.Name} -> version {body.Version}");
        await promotions.SetAliasAsync(Project(http), body.Name, body.Alias, body.Version, ct);
        return Empty();
    }

    public static async Task<IResult> DeleteAlias([FromBody] RegisteredModelBody body, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        await promotions.DeleteAliasAsync(Project(http), http.GetCaller(), body.Name, body.Alias, ct);
        return Empty();
    }

    public static async Task<IResult> GetByAlias(
        HttpContext http, RegistryService registry, CancellationToken ct, [FromQuery(Name = "name")] string? name = null, [FromQuery(Name = "alias")] string? alias = null) =>
        Json(new { model_version = WireModelVersion.From(await registry.GetByAliasAsync(Project(http), name, alias, ct)) });

    public static async Task<IResult> CreateVersion(CreateModelVersionBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        var version = await registry.CreateVersionAsync(
            Project(http), body.Name, body.Source, body.RunId, body.ModelId, Pairs(body.Tags), body.Description, http.GetCaller().Principal, ct);
        http.SetAuditDetail($"{version.Name} version {version.Version} from {version.Source}, digest {version.Digest}");
        return Json(new { model_version = WireModelVersion.From(version) });
    }

    public static async Task<IResult> GetVersion(
        HttpContext http, RegistryService registry, CancellationToken ct, [FromQuery(Name = "name")] string? name = null, [FromQuery(Name = "version")] string? version = null) =>
        Json(new { model_version = WireModelVersion.From(await registry.GetVersionAsync(Project(http), name, version, ct)) });

    public static async Task<IResult> UpdateVersion(ModelVersionBody body, HttpContext http, RegistryService registry, CancellationToken ct) =>
        Json(new { model_version = WireModelVersion.From(await registry.UpdateVersionAsync(Project(http), body.Name, body.Version, body.Description, ct)) });

    public static async Task<IResult> TransitionStage(ModelVersionBody body, HttpContext http, RegistryService registry, CancellationToken ct) =>
        Json(new { model_version = WireModelVersion.From(await registry.TransitionStageAsync(Project(http), body.Name, body.Version, body.Stage, body.ArchiveExistingVersions ?? false, ct)) });

    public static async Task<IResult> DeleteVersion([FromBody] ModelVersionBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.DeleteVersionAsync(Project(http), body.Name, body.Version, ct);
        return Empty();
    }

    public static async Task<IResult> SearchVersions(
        HttpContext http, RegistryService registry, CancellationToken ct,
        [FromQuery(Name = "filter")] string? filter = null, [FromQuery(Name = "max_results")] int? maxResults = null,
        [FromQuery(Name = "order_by")] string[]? orderBy = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var (versions, next) = await registry.SearchVersionsAsync(Project(http), filter, maxResults, orderBy, pageToken, ct);
        return Json(new { model_versions = MlflowJson.NonEmpty(versions.Select(WireModelVersion.From)), next_page_token = next });
    }

    public static async Task<IResult> DownloadUri(
        HttpContext http, RegistryService registry, CancellationToken ct, [FromQuery(Name = "name")] string? name = null, [FromQuery(Name = "version")] string? version = null) =>
        Json(new { artifact_uri = RegistryService.DownloadUri(await registry.GetVersionAsync(Project(http), name, version, ct)) });

    public static async Task<IResult> SetVersionTag(ModelVersionBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.SetVersionTagAsync(Project(http), body.Name, body.Version, body.Key, body.Value, delete: false, ct);
        return Empty();
    }

    public static async Task<IResult> DeleteVersionTag([FromBody] ModelVersionBody body, HttpContext http, RegistryService registry, CancellationToken ct)
    {
        await registry.SetVersionTagAsync(Project(http), body.Name, body.Version, body.Key, null, delete: true, ct);
        return Empty();
    }
}

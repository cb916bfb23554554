using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Governance.Audit;
using Cairn.Mlflow.Wire;
using Cairn.Tracking;
using Cairn.Tracking.Artifacts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

using static Cairn.Mlflow.MlflowHttp;
using static Cairn.Mlflow.MlflowRunEndpoints;

namespace Cairn.Mlflow;

/// <summary>MLflow 3.x <c>logged-models/*</c> and <c>runs/outputs</c>: what <c>mlflow.&lt;flavor&gt;.log_model</c> calls.</summary>
internal static class MlflowLoggedModelEndpoints
{
    public static void Map(MlflowRoutes.RouteTable routes)
    {
        routes.Post("/logged-models", Create, Scope.Write);
        routes.Post("/logged-models/search", Search, Scope.Read);
        routes.Get("/logged-models/{model_id}", Get, Scope.Read);
        routes.Patch("/logged-models/{model_id}", FinalizeModel, Scope.Write);
        routes.Delete("/logged-models/{model_id}", Delete, Scope.Write);
        routes.Patch("/logged-models/{model_id}/tags", SetTags, Scope.Write);
        routes.Delete("/logged-models/{model_id}/tags/{**tag_key}", DeleteTag, Scope.Write);
        routes.Post("/logged-models/{model_id}/params", LogParams, Scope.Write);
        routes.Get("/logged-models/{model_id}/artifacts/directories", ListArtifacts, Scope.Read);
        routes.Post("/runs/outputs", LogOutputs, Scope.Write);
    }

    public static async Task<IResult> Create(CreateLoggedModelBody body, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        var model = await models.CreateAsync(Project(http), body.ExperimentId, body.Name, body.ModelType, body.SourceRunId, Pairs(body.Params, "params"), Pairs(body.Tags, "tags"), ct);
        http.SetAuditDetail($"logged model {model.ModelId} '{model.Name}' in experiment {model.ExperimentId}");
        return Json(new { model = WireLoggedModel.From(model) });
    }

    public static async Task<IResult> Get([FromRoute(Name = "model_id")] string modelId, HttpContext http, LoggedModelService models, CancellationToken ct) =>
        Json(new { model = WireLoggedModel.From(await models.GetAsync(Project(http), modelId, ct)) });

    public static async Task<IResult> FinalizeModel([FromRoute(Name = "model_id")] string modelId, FinalizeLoggedModelBody body, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        if (body.ModelId is { Length: > 0 } named && named != modelId)
        {
            throw CairnException.Invalid("model_id", $"the body names model '{named}' but the path names '{modelId}'");
        }

        var model = await models.FinalizeAsync(Project(http), modelId, MlflowEnums.LoggedModelStatus(body.Status), ct);
        return Json(new { model = WireLoggedModel.From(model) });
    }

    public static async Task<IResult> Delete([FromRoute(Name = "model_id")] string modelId, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        await models.DeleteAsync(Project(http), modelId, ct);
        return Empty();
    }

    public static async Task<IResult> SetTags([FromRoute(Name = "model_id")] string modelId, LoggedModelTagsBody body, HttpContext http, LoggedModelService models, CancellationToken ct) =>
        Json(new { model = WireLoggedModel.From(await models.SetTagsAsync(Project(http), modelId, Pairs(body.Tags, "tags"), ct)) });

    public static async Task<IResult> DeleteTag(
        [FromRoute(Name = "model_id")] string modelId, [FromRoute(Name = "tag_key")] string tagKey, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        RawTargetGuard.Check(http);
        await models.DeleteTagAsync(Project(http), modelId, Uri.UnescapeDataString(tagKey), ct);
        return Empty();
    }

    public static async Task<IResult> LogParams([FromRoute(Name = "model_id")] string modelId, LoggedModelParamsBody body, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        await models.LogParamsAsync(Project(http), modelId, Pairs(body.Params, "params"), ct);
        return Empty();
    }

    public static async Task<IResult> Search(SearchLoggedModelsBody body, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        if (body.Datasets is { Count: > 0 })
        {
            throw CairnException.Invalid("datasets", "Cairn does not record metrics per logged model yet, so it cannot select models by the datasets of their metrics");
        }

        var order = body.OrderBy?.Select((o, i) => o is null ? throw TrackingValidation.Missing($"order_by[{i}]") : (o.FieldName!, o.Ascending ?? true)).ToList();
        var (items, next) = await models.SearchAsync(Project(http), body.ExperimentIds, body.Filter, order, body.MaxResults, body.PageToken, ct);
        return Json(new { models = MlflowJson.NonEmpty(items.Select(WireLoggedModel.From)), next_page_token = next });
    }

    public static async Task<IResult> ListArtifacts(
        [FromRoute(Name = "model_id")] string modelId, HttpContext http, LoggedModelService models, ArtifactService artifacts, CancellationToken ct,
        [FromQuery(Name = "artifact_directory_path")] string? path = null)
    {
        RawTargetGuard.Check(http);
        var model = await models.GetAsync(Project(http), modelId, ct);
        var (_, directory) = await artifacts.ForModelAsync(Project(http), model.ModelId, path, ct);
        var listing = await artifacts.ListAsync(Project(http), directory, runRelative: true, ct);
        return Json(new { root_uri = model.ArtifactUri, files = MlflowJson.NonEmpty(listing.Select(MlflowArtifactEndpoints.File)) });
    }

    public static async Task<IResult> LogOutputs(LogOutputsBody body, HttpContext http, LoggedModelService models, CancellationToken ct)
    {
        var links = body.Models?.Select(m => (m?.ModelId, m?.Step)).ToList();
        await models.LinkRunAsync(Project(http), body.RunId, links, outputs: true, ct);
        return Empty();
    }
}

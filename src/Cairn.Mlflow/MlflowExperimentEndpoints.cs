using Cairn.Core.Access;
using Cairn.Core.Tracking;
using Cairn.Mlflow.Wire;
using Cairn.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

using static Cairn.Mlflow.MlflowHttp;

namespace Cairn.Mlflow;

/// <summary>MLflow <c>experiments/*</c>, within the caller's project.</summary>
internal static class MlflowExperimentEndpoints
{
    public static void Map(MlflowRoutes.RouteTable routes)
    {
        routes.Post("/experiments/create", CreateExperiment, Scope.Write);
        routes.Get("/experiments/get", GetExperiment, Scope.Read);
        routes.Get("/experiments/get-by-name", GetExperimentByName, Scope.Read);
        routes.Post("/experiments/search", SearchExperiments, Scope.Read);
        routes.Get("/experiments/search", SearchExperimentsGet, Scope.Read);
        routes.Post("/experiments/update", UpdateExperiment, Scope.Write);
        routes.Post("/experiments/delete", DeleteExperiment, Scope.Write);
        routes.Post("/experiments/restore", RestoreExperiment, Scope.Write);
        routes.Post("/experiments/set-experiment-tag", SetExperimentTag, Scope.Write);
    }

    public static async Task<IResult> CreateExperiment(CreateExperimentBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var tags = body.Tags?.Select((t, i) => t is null ? throw TrackingValidation.Missing($"tags[{i}]") : new KeyValue(t.Key!, t.Value ?? string.Empty)).ToList();
        var e = await tracking.CreateExperimentAsync(Project(http), body.Name, body.ArtifactLocation, tags, ct);
        return Json(new { experiment_id = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public static async Task<IResult> GetExperiment(HttpContext http, TrackingService tracking, CancellationToken ct, [FromQuery(Name = "experiment_id")] string? experimentId = null) =>
        Json(new { experiment = WireExperiment.From(await tracking.GetExperimentAsync(Project(http), experimentId, ct)) });

    public static async Task<IResult> GetExperimentByName(HttpContext http, TrackingService tracking, CancellationToken ct, [FromQuery(Name = "experiment_name")] string? experimentName = null) =>
        Json(new { experiment = WireExperiment.From(await tracking.GetExperimentByNameAsync(Project(http), experimentName, ct)) });

    public static Task<IResult> SearchExperiments(SearchExperimentsBody body, HttpContext http, TrackingService tracking, CancellationToken ct) =>
        Search(http, tracking, MlflowEnums.ViewType(body.ViewType, "view_type"), body.Filter, body.OrderBy, body.MaxResults, body.PageToken, ct);

    public static Task<IResult> SearchExperimentsGet(
        HttpContext http,
        TrackingService tracking,
        CancellationToken ct,
        [FromQuery(Name = "max_results")] int? maxResults = null,
        [FromQuery(Name = "page_token")] string? pageToken = null,
        [FromQuery(Name = "filter")] string? filter = null,
        [FromQuery(Name = "view_type")] string? viewType = null,
        [FromQuery(Name = "order_by")] string[]? orderBy = null) =>
        Search(http, tracking, MlflowEnums.ViewType(viewType, "view_type"), filter, orderBy, maxResults, pageToken, ct);

    public static async Task<IResult> UpdateExperiment(UpdateExperimentBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.RenameExperimentAsync(Project(http), body.ExperimentId, body.NewName, ct);
        return Empty();
    }

    public static async Task<IResult> DeleteExperiment(ExperimentIdBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.DeleteExperimentAsync(Project(http), body.ExperimentId, ct);
        return Empty();
    }

    public static async Task<IResult> RestoreExperiment(ExperimentIdBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.RestoreExperimentAsync(Project(http), body.ExperimentId, ct);
        return Empty();
    }

    public static async Task<IResult> SetExperimentTag(ExperimentTagBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.SetExperimentTagAsync(Project(http), body.ExperimentId, body.Key, body.Value, ct);
        return Empty();
    }

    private static async Task<IResult> Search(
        HttpContext http, TrackingService tracking, ViewType view, string? filter, IReadOnlyList<string>? orderBy, int? max, string? token, CancellationToken ct)
    {
        var (items, next) = await tracking.SearchExperimentsAsync(Project(http), view, filter, orderBy, max, token, ct);
        return Json(new { experiments = MlflowJson.NonEmpty(items.Select(WireExperiment.From)), next_page_token = next });
    }
}

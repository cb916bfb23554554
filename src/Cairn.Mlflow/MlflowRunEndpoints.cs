using Cairn.Core.Access;
using Cairn.Core.Tracking;
using Cairn.Mlflow.Wire;
using Cairn.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

using static Cairn.Mlflow.MlflowHttp;

namespace Cairn.Mlflow;

/// <summary>MLflow <c>runs/*</c> and <c>metrics/get-history</c>, within the caller's project.</summary>
internal static class MlflowRunEndpoints
{
    public static void Map(MlflowRoutes.RouteTable routes)
    {
        routes.Post("/runs/create", CreateRun, Scope.Write);
        routes.Get("/runs/get", GetRun, Scope.Read);
        routes.Post("/runs/update", UpdateRun, Scope.Write);
        routes.Post("/runs/delete", DeleteRun, Scope.Write);
        routes.Post("/runs/restore", RestoreRun, Scope.Write);
        routes.Post("/runs/log-metric", LogMetric, Scope.Write);
        routes.Post("/runs/log-parameter", LogParameter, Scope.Write);
        routes.Post("/runs/set-tag", SetTag, Scope.Write);
        routes.Post("/runs/delete-tag", DeleteTag, Scope.Write);
        routes.Post("/runs/log-batch", LogBatch, Scope.Write);
        routes.Post("/runs/log-inputs", LogInputs, Scope.Write);
        routes.Post("/runs/search", SearchRuns, Scope.Read);
        routes.Get("/metrics/get-history", GetMetricHistory, Scope.Read);
    }

    internal static List<KeyValue>? Pairs(IReadOnlyList<WireKeyValue>? items, string field = "tags") =>
        items?.Select((t, i) => t is null ? throw TrackingValidation.Missing($"{field}[{i}]") : new KeyValue(t.Key!, t.Value ?? string.Empty)).ToList();

    public static async Task<IResult> CreateRun(CreateRunBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var run = await tracking.CreateRunAsync(Project(http), body.ExperimentId, body.UserId, body.RunName, body.StartTime, Pairs(body.Tags), ct);
        return Json(new { run = WireRun.From(run, withOutputs: false) });
    }

    public static async Task<IResult> GetRun(
        HttpContext http, TrackingService tracking, LoggedModelService models, CancellationToken ct,
        [FromQuery(Name = "run_id")] string? runId = null, [FromQuery(Name = "run_uuid")] string? runUuid = null)
    {
        var run = await tracking.GetRunAsync(Project(http), runId ?? runUuid, ct);
        var (outputs, inputs) = await models.RunModelsAsync(Project(http), run.Info.RunId, ct);
        return Json(new { run = WireRun.From(run, outputs, inputs) });
    }

    public static async Task<IResult> UpdateRun(UpdateRunBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var info = await tracking.UpdateRunAsync(Project(http), body.RunId ?? body.RunUuid, MlflowEnums.Status(body.Status), body.EndTime, body.RunName, ct);
        return Json(new { run_info = WireRunInfo.From(info) });
    }

    public static async Task<IResult> DeleteRun(RunIdBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.DeleteRunAsync(Project(http), body.RunId, ct);
        return Empty();
    }

    public static async Task<IResult> RestoreRun(RunIdBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.RestoreRunAsync(Project(http), body.RunId, ct);
        return Empty();
    }

    public static async Task<IResult> LogMetric(LogMetricBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.LogMetricAsync(Project(http), body.RunId ?? body.RunUuid, Metric(body.Key, body.Value, body.Timestamp, body.Step, string.Empty), ct);
        return Empty();
    }

    public static async Task<IResult> LogParameter(KeyValueBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.LogParamAsync(Project(http), body.RunId ?? body.RunUuid, body.Key, body.Value, ct);
        return Empty();
    }

    public static async Task<IResult> SetTag(KeyValueBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.SetTagAsync(Project(http), body.RunId ?? body.RunUuid, body.Key, body.Value, ct);
        return Empty();
    }

    public static async Task<IResult> DeleteTag(KeyValueBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.DeleteTagAsync(Project(http), body.RunId, body.Key, ct);
        return Empty();
    }

    public static async Task<IResult> LogBatch(LogBatchBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var metrics = body.Metrics?.Select((m, i) => m is null ? throw TrackingValidation.Missing($"metrics[{i}]") : Metric(m.Key, m.Value, m.Timestamp, m.Step, $"metrics[{i}].")).ToList();
        await tracking.LogBatchAsync(Project(http), body.RunId, metrics, Pairs(body.Params, "params"), Pairs(body.Tags), ct);
        return Empty();
    }

    public static async Task<IResult> LogInputs(LogInputsBody body, HttpContext http, TrackingService tracking, LoggedModelService models, CancellationToken ct)
    {
        if (body.Models is { } modelInputs)
        {
            await models.LinkRunAsync(Project(http), body.RunId, modelInputs.Select(m => (m?.ModelId, (long?)0)).ToList(), outputs: false, ct);
            if (body.Datasets is null)
            {
                return Empty();
            }
        }

        var inputs = body.Datasets?.Select((d, i) => d is null ? throw TrackingValidation.Missing($"datasets[{i}]") : new DatasetInput(
            new Dataset(d.Dataset?.Name ?? string.Empty, d.Dataset?.Digest ?? string.Empty, d.Dataset?.SourceType ?? string.Empty, d.Dataset?.Source ?? string.Empty, d.Dataset?.Schema ?? string.Empty, d.Dataset?.Profile ?? string.Empty),
            Pairs(d.Tags) ?? [])).ToList();
        await tracking.LogInputsAsync(Project(http), body.RunId, inputs, ct);
        return Empty();
    }

    public static async Task<IResult> SearchRuns(SearchRunsBody body, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var (runs, next) = await tracking.SearchRunsAsync(
            Project(http), body.ExperimentIds, body.Filter, MlflowEnums.ViewType(body.RunViewType, "run_view_type"), body.MaxResults, body.OrderBy, body.PageToken, ct);
        return Json(new { runs = MlflowJson.NonEmpty(runs.Select(r => WireRun.From(r))), next_page_token = next });
    }

    public static async Task<IResult> GetMetricHistory(
        HttpContext http,
        TrackingService tracking,
        CancellationToken ct,
        [FromQuery(Name = "run_id")] string? runId = null,
        [FromQuery(Name = "run_uuid")] string? runUuid = null,
        [FromQuery(Name = "metric_key")] string? metricKey = null,
        [FromQuery(Name = "max_results")] int? maxResults = null,
        [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var (points, next) = await tracking.GetMetricHistoryAsync(Project(http), runId ?? runUuid, metricKey, maxResults, pageToken, ct);
        return new MetricHistoryResult(points, next);
    }

    private static MetricPoint Metric(string? key, double? value, long? timestamp, long? step, string prefix)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw TrackingValidation.Missing(prefix + "key");
        }

        if (value is null)
        {
            throw TrackingValidation.Missing(prefix + "value");
        }

        return timestamp is null ? throw TrackingValidation.Missing(prefix + "timestamp") : new MetricPoint(key, value.Value, timestamp.Value, step ?? 0);
    }
}

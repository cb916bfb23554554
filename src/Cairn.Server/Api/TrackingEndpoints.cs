using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Core.Tracking;
using Cairn.Governance.Access;
using Cairn.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server.Api;

/// <summary>
/// <c>/api/v1/experiments</c> and <c>/api/v1/runs</c>: Cairn's own tracking API over the same
/// service as the MLflow routes, with dictionaries instead of key/value lists and chart-ready
/// metric histories (thinned to a point budget with extremes kept).
/// </summary>
public static class TrackingEndpoints
{
    /// <summary>The largest point budget a history request may ask for.</summary>
    public const int MaxChartPoints = 20_000;

    public static IEndpointRouteBuilder MapTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/v1/experiments").WithTags("Tracking");
        experiments.MapGet("/", ListExperiments).WithName("ListExperiments").RequireScope(Scope.Read);
        experiments.MapPost("/", CreateExperiment).WithName("CreateExperiment").RequireScope(Scope.Write);
        experiments.MapGet("/{experimentId}/runs", SearchRuns).WithName("SearchRuns").RequireScope(Scope.Read);

        var runs = app.MapGroup("/api/v1/runs").WithTags("Tracking");
        runs.MapPost("/", CreateRun).WithName("CreateRun").RequireScope(Scope.Write);
        runs.MapGet("/{runId}", GetRun).WithName("GetRun").RequireScope(Scope.Read);
        runs.MapPatch("/{runId}", UpdateRun).WithName("UpdateRun").RequireScope(Scope.Write);
        runs.MapPost("/{runId}/log", LogBatch).WithName("LogRunBatch").RequireScope(Scope.Write);
        runs.MapGet("/{runId}/metrics", GetMetricHistory).WithName("GetMetricHistory").RequireScope(Scope.Read);
        return app;
    }

    private static long Project(HttpContext http) => http.GetCaller().ProjectId;

    public static async Task<Ok<ExperimentDto[]>> ListExperiments(
        HttpContext http, TrackingService tracking, CancellationToken ct, [FromQuery(Name = "filter")] string? filter = null, [FromQuery(Name = "view")] string? view = null)
    {
        var viewType = view?.ToUpperInvariant() switch
        {
            null or "" or "ACTIVE_ONLY" => ViewType.ActiveOnly,
            "DELETED_ONLY" => ViewType.DeletedOnly,
            "ALL" => ViewType.All,
            _ => throw Core.Errors.CairnException.Invalid("view", "must be ACTIVE_ONLY, DELETED_ONLY or ALL"),
        };
        var (items, _) = await tracking.SearchExperimentsAsync(Project(http), viewType, filter, ["name"], TrackingLimits.MaxSearchResults, null, ct);
        return TypedResults.Ok(items.Select(e => e.ToDto()).ToArray());
    }

    public static async Task<Created<ExperimentDto>> CreateExperiment(CreateExperimentRequest request, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var e = await tracking.CreateExperimentAsync(Project(http), request.Name, null, TrackingMapping.Pairs(request.Tags), ct);
        return TypedResults.Created($"/api/v1/experiments/{e.Id}", e.ToDto());
    }

    public static async Task<Ok<RunPageDto>> SearchRuns(
        string experimentId, HttpContext http, TrackingService tracking, CancellationToken ct,
        [FromQuery(Name = "filter")] string? filter = null,
        [FromQuery(Name = "order_by")] string[]? orderBy = null,
        [FromQuery(Name = "max_results")] int? maxResults = null,
        [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var (runs, next) = await tracking.SearchRunsAsync(Project(http), [experimentId], filter, ViewType.ActiveOnly, maxResults ?? 100, orderBy, pageToken, ct);
        return TypedResults.Ok(new RunPageDto(runs.Select(r => r.ToDto()).ToList(), next));
    }

    public static async Task<Created<RunDto>> CreateRun(CreateRunRequest request, HttpContext http, TrackingService tracking, TimeProvider time, CancellationToken ct)
    {
        var run = await tracking.CreateRunAsync(
            Project(http), request.ExperimentId?.ToString(System.Globalization.CultureInfo.InvariantCulture), request.UserId ?? http.GetCaller().Principal,
            request.Name, request.StartTime ?? time.GetUtcNow().ToUnixTimeMilliseconds(), TrackingMapping.Pairs(request.Tags), ct);
        return TypedResults.Created($"/api/v1/runs/{run.Info.RunId}", run.ToDto());
    }

    public static async Task<Ok<RunDto>> GetRun(string runId, HttpContext http, TrackingService tracking, CancellationToken ct) =>
        TypedResults.Ok((await tracking.GetRunAsync(Project(http), runId, ct)).ToDto());

    public static async Task<Ok<RunDto>> UpdateRun(string runId, UpdateRunRequest request, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        await tracking.UpdateRunAsync(Project(http), runId, request.Status?.ToUpperInvariant(), request.EndTime, request.Name, ct);
        return TypedResults.Ok((await tracking.GetRunAsync(Project(http), runId, ct)).ToDto());
    }

    public static async Task<NoContent> LogBatch(string runId, LogBatchRequest request, HttpContext http, TrackingService tracking, CancellationToken ct)
    {
        var metrics = request.Metrics?.Select((m, i) => m is null ? throw TrackingValidation.Missing($"metrics[{i}]") : new MetricPoint(m.Key, m.Value, m.Timestamp, m.Step)).ToList();
        await tracking.LogBatchAsync(Project(http), runId, metrics, TrackingMapping.Pairs(request.Params), TrackingMapping.Pairs(request.Tags), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MetricHistoryDto>> GetMetricHistory(
        string runId, HttpContext http, TrackingService tracking, CancellationToken ct,
        [FromQuery(Name = "key")] string? key = null, [FromQuery(Name = "points")] int? points = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        key = TrackingValidation.Required(key, "key");
        if (points is < 4 or > MaxChartPoints)
        {
            throw Core.Errors.CairnException.Invalid("points", $"must be between 4 and {MaxChartPoints}");
        }

        var (history, next) = await tracking.GetMetricHistoryAsync(Project(http), runId, key, null, pageToken, ct);
        var ordered = history.OrderBy(p => p.Step).ThenBy(p => p.Timestamp).ToList();
        var shown = points is { } budget ? MetricDownsampler.MinMax(ordered, budget) : ordered;
        return TypedResults.Ok(new MetricHistoryDto(key, shown.Select(p => new MetricValueDto(p.Value, p.Step, p.Timestamp)).ToList(), shown.Count < ordered.Count, next));
    }
}

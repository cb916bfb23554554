using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Evaluation;
using Cairn.Evaluation.Datasets;
using Cairn.Evaluation.Runs;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Server.Http;

namespace Cairn.Server.Api;

/// <summary>
/// <c>/api/v1/datasets</c>: versioned evaluation datasets (upload a CSV or JSON-lines body); <c>/api/v1/evaluations</c>:
/// run an evaluation (recorded as a tracking run linked to the model version) and read its result.
/// </summary>
public static class EvaluationEndpoints
{
    public static IEndpointRouteBuilder MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/v1/datasets").WithTags("Evaluation");
        datasets.MapGet("/", ListDatasets).WithName("ListDatasets").RequireScope(Scope.Read);
        datasets.MapPost("/", UploadDataset).WithName("UploadDataset").RequireScope(Scope.Write);
        datasets.MapGet("/{name}", GetDataset).WithName("GetDataset").RequireScope(Scope.Read);
        var evaluations = app.MapGroup("/api/v1/evaluations").WithTags("Evaluation");
        evaluations.MapPost("/", RunEvaluation).WithName("RunEvaluation").RequireScope(Scope.Write);
        evaluations.MapGet("/{runId}", GetEvaluation).WithName("GetEvaluation").RequireScope(Scope.Read);
        evaluations.MapPost("/compare", Compare).WithName("CompareEvaluations").RequireScope(Scope.Read);
        return app;
    }

    public static JsonObject ToJson(EvaluationDataset d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new JsonObject
        {
            ["name"] = d.Name, ["version"] = d.Version, ["digest"] = d.Digest, ["format"] = d.Format, ["rows"] = d.Rows,
            ["columns"] = new JsonArray(d.Columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()), ["size_bytes"] = d.SizeBytes,
            ["description"] = d.Description, ["created_by"] = d.CreatedBy, ["created_at"] = d.CreatedAt,
        };
    }

    public static async Task<IResult> ListDatasets(HttpContext http, DatasetService datasets, CancellationToken ct) =>
        Json(new JsonArray((await datasets.ListAsync(http.GetCaller().ProjectId, ct)).Select(d => (JsonNode)ToJson(d)).ToArray()));

    public static async Task<IResult> GetDataset(string name, HttpContext http, DatasetService datasets, CancellationToken ct, long? version = null) =>
        Json(ToJson(await datasets.GetAsync(http.GetCaller().ProjectId, name, version, ct)));

    /// <summary>
    /// The body is the file; <c>?name=</c>, <c>&amp;format=csv|jsonl</c> (else from the content type) and <c>&amp;description=</c>.
    /// With <c>&amp;run_id=</c> and <c>&amp;path=</c> the file is that run artifact instead, and the body is empty.
    /// </summary>
    public static async Task<IResult> UploadDataset(
        HttpContext http, DatasetService datasets, CancellationToken ct, string? name = null, string? format = null, string? description = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "run_id")] string? runId = null, string? path = null)
    {
        if (runId is not null)
        {
            var caller0 = http.GetCaller();
            var fromRun = await datasets.FromArtifactAsync(caller0.ProjectId, caller0.Principal, name, runId, path, format, description, ct);
            http.SetAuditDetail($"{fromRun.Name} version {fromRun.Version} from run {runId} artifact {path}: {fromRun.Rows} rows");
            return Results.Text(ToJson(fromRun).ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
        }

        JsonBody.Limit(http, DatasetService.MaxBytes);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var caller = http.GetCaller();
        var media = http.Request.ContentType?.Split(';')[0].Trim();
        var dataset = await datasets.UploadAsync(caller.ProjectId, caller.Principal, name, format ?? media, description, buffer.ToArray(), ct);
        http.SetAuditDetail($"{dataset.Name} version {dataset.Version}: {dataset.Rows} rows, sha256 {dataset.Digest[..12]}…");
        return Results.Text(ToJson(dataset).ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> RunEvaluation(HttpContext http, EvaluationService evaluations, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(http, 32, ct);
        using (body)
        {
            var result = await evaluations.RunAsync(http.GetCaller(), body.RootElement, ct);
            var model = result["model"] is JsonObject m ? $" of {m["name"]} version {m["version"]}" : "";
            http.SetAuditDetail($"run {result["run_id"]}{model} on {result["dataset"]!["name"]} version {result["dataset"]!["version"]}");
            return Results.Text(result.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
        }
    }

    public static async Task<IResult> GetEvaluation(string runId, HttpContext http, EvaluationService evaluations, CancellationToken ct) =>
        Json(await evaluations.GetAsync(http.GetCaller().ProjectId, runId, ct));

    /// <summary>The scoreboard of a baseline and candidates; <c>?format=markdown|html</c> for the report.</summary>
    public static async Task<IResult> Compare(HttpContext http, Scoreboard scoreboard, CancellationToken ct, string? format = null)
    {
        using var doc = await JsonBody.ReadAsync(http, 16, ct);
        var body = doc.RootElement;
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be an object with baseline and candidates");
        }

        var baseline = EvaluationPlan.Str(body, "baseline");
        var candidates = EvaluationPlan.Strings(body, "candidates");
        var samples = 1000L;
        var seed = 0L;
        if (body.TryGetProperty("bootstrap", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            samples = EvaluationPlan.Long(b, "samples") ?? samples;
            seed = EvaluationPlan.Long(b, "seed") ?? seed;
        }

        var threshold = body.TryGetProperty("regression_threshold", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : 0.01;
        if (!double.IsFinite(threshold) || threshold < 0)
        {
            throw CairnException.Invalid("regression_threshold", "must be a finite number of at least 0");
        }
        if (seed is < 0 or > uint.MaxValue || samples is < 0 or > 10_000)
        {
            throw CairnException.Invalid("bootstrap", "samples must be 0-10000 and seed 0-4294967295");
        }

        var board = await scoreboard.CompareAsync(http.GetCaller().ProjectId, baseline, candidates, (int)samples, (int)(uint)seed, threshold, ct);
        return format switch
        {
            null or "json" => Json(board),
            "markdown" or "md" => Results.Text(Scoreboard.Markdown(board), "text/markdown; charset=utf-8"),
            "html" => Results.Text(Scoreboard.Html(board), "text/html; charset=utf-8"),
            _ => throw CairnException.Invalid("format", "must be json, markdown or html"),
        };
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Access;
using Cairn.Core.Evaluation;
using Cairn.Evaluation.Review;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Server.Http;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/reviews</c>: human review queues — create, take the next blind item, vote, read the results.</summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/v1/reviews").WithTags("Evaluation");
        reviews.MapGet("/", List).WithName("ListReviewQueues").RequireScope(Scope.Read);
        reviews.MapPost("/", Create).WithName("CreateReviewQueue").RequireScope(Scope.Write);
        reviews.MapGet("/{name}/next", Next).WithName("NextReviewItem").RequireScope(Scope.Read);
        reviews.MapPost("/{name}/items/{item:long}/vote", Vote).WithName("VoteReviewItem").RequireScope(Scope.Write);
        reviews.MapGet("/{name}/results", Results).WithName("ReviewResults").RequireScope(Scope.Read);
        return app;
    }

    public static JsonObject ToJson(ReviewQueue q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new JsonObject
        {
            ["name"] = q.Name, ["label_a"] = q.LabelA, ["label_b"] = q.LabelB, ["items"] = q.Items, ["created_by"] = q.CreatedBy, ["created_at"] = q.CreatedAt,
        };
    }

    public static async Task<IResult> List(HttpContext http, ReviewService reviews, CancellationToken ct) =>
        Json(new JsonArray((await reviews.ListAsync(http.GetCaller().ProjectId, ct)).Select(q => (JsonNode)ToJson(q)).ToArray()));

    public static async Task<IResult> Create(HttpContext http, ReviewService reviews, CancellationToken ct)
    {
        using var body = await Body(http, ct);
        var queue = await reviews.CreateAsync(http.GetCaller(), body.RootElement, ct);
        http.SetAuditDetail($"review queue {queue.Name}: {queue.Items} items, {queue.LabelA} vs {queue.LabelB}");
        return Microsoft.AspNetCore.Http.Results.Text(ToJson(queue).ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> Next(string name, HttpContext http, ReviewService reviews, CancellationToken ct)
    {
        var item = await reviews.NextAsync(http.GetCaller(), name, ct);
        return item is null
            ? Json(new JsonObject { ["queue"] = name, ["done"] = true })
            : Json(new JsonObject
            {
                ["queue"] = item.Queue, ["done"] = false, ["item"] = item.ItemId, ["progress"] = new JsonObject { ["judged"] = item.Done, ["items"] = item.Items },
                ["input"] = item.Input, ["left"] = item.Left, ["right"] = item.Right,
            });
    }

    public static async Task<IResult> Vote(string name, long item, HttpContext http, ReviewService reviews, CancellationToken ct)
    {
        using var body = await Body(http, ct);
        var root = body.RootElement;
        string? Field(string f) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var vote = await reviews.VoteAsync(http.GetCaller(), name, item, Field("choice"), Field("comment"), ct);
        http.SetAuditDetail($"review queue {name} item {item}: a vote");
        return Json(new JsonObject { ["queue"] = name, ["item"] = vote.ItemId, ["recorded"] = true });
    }

    public static async Task<IResult> Results(string name, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        Json(await reviews.ResultsAsync(http.GetCaller().ProjectId, name, ct));

    private static Task<JsonDocument> Body(HttpContext http, CancellationToken ct) => JsonBody.ReadAsync(http, 16, ct);

    private static IResult Json(JsonNode node) => Microsoft.AspNetCore.Http.Results.Text(node.ToJsonString(), "application/json");
}

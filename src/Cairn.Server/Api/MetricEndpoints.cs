using Cairn.Core.Access;
using Cairn.Evaluation;
using Cairn.Governance.Access;
using Cairn.Server.Http;

namespace Cairn.Server.Api;

/// <summary>
/// Metrics as a service: <c>GET /api/v1/metrics</c> lists the library, <c>POST /api/v1/metrics/compute</c> computes
/// any metric of it on the posted predictions and references (or labels and scores), equal to the reference
/// implementation it names. Pure computation: nothing is stored, so it needs only the read scope and is not audited.
/// </summary>
public static class MetricEndpoints
{
    /// <summary>Largest request body accepted by <c>/api/v1/metrics/compute</c> (64 MiB); larger gets 413.</summary>
    public const long MaxBodyBytes = 64L << 20;

    public static IEndpointRouteBuilder MapMetricEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/metrics").WithTags("Evaluation");
        group.MapGet("/", () => TypedResults.Ok(MetricCatalog.All)).WithName("ListMetrics").RequireScope(Scope.Read);
        group.MapPost("/compute", Compute).WithName("ComputeMetric").RequireScope(Scope.Read);
        return app;
    }

    /// <summary>True for <c>/api/v1/metrics/compute</c> and <c>/api/v1/evaluations/compare</c>: computations over data the caller can read, which the audit log leaves out.</summary>
    public static bool IsComputation(PathString path) =>
        path.Equals("/api/v1/metrics/compute", StringComparison.Ordinal) || path.Equals("/api/v1/evaluations/compare", StringComparison.Ordinal);

    public static async Task<IResult> Compute(HttpContext http, CancellationToken ct)
    {
        JsonBody.Limit(http, MaxBodyBytes);
        var body = await JsonBody.ReadAsync(http, 16, ct);
        using (body)
        {
            var result = MetricCatalog.Compute(new MetricRequest(body.RootElement));
            return TypedResults.Text(result.ToJsonString(), "application/json");
        }
    }
}

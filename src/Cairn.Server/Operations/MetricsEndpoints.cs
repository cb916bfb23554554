using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Server.Metrics;

namespace Cairn.Server.Operations;

/// <summary><c>GET /metrics</c> in Prometheus text format. Needs a key with the read scope (Prometheus: <c>authorization: credentials</c>).</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (PrometheusCollector collector) => TypedResults.Text(PrometheusText.Render(collector), PrometheusText.ContentType))
            .WithName("Metrics").WithTags("Operations").RequireScope(Scope.Read);
        return app;
    }
}

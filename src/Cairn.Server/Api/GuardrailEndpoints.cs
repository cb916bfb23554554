using System.Text.Json;
using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Guardrails.Pii;
using Cairn.Server.Http;

namespace Cairn.Server.Api;

/// <summary>
/// <c>/api/v1/guardrails</c>: PII analysis and anonymization of posted text. Pure computation (read scope, not
/// audited); bodies up to the server's request limit (1 MiB by default; larger is 413).
/// </summary>
public static class GuardrailEndpoints
{
    public static IEndpointRouteBuilder MapGuardrailEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/guardrails").WithTags("Guardrails");
        group.MapGet("/entities", () => Results.Text(PiiRequest.Catalog().ToJsonString(), "application/json")).WithName("ListPiiEntities").RequireScope(Scope.Read);
        group.MapPost("/analyze", (HttpContext http, CancellationToken ct) => Handle(http, PiiRequest.Analyze, ct)).WithName("AnalyzePii").RequireScope(Scope.Read);
        group.MapPost("/anonymize", (HttpContext http, CancellationToken ct) => Handle(http, PiiRequest.Anonymize, ct)).WithName("AnonymizePii").RequireScope(Scope.Read);
        return app;
    }

    /// <summary>True for the analysis routes, computations the audit log leaves out.</summary>
    public static bool IsComputation(PathString path) =>
        path.Equals("/api/v1/guardrails/analyze", StringComparison.Ordinal) || path.Equals("/api/v1/guardrails/anonymize", StringComparison.Ordinal);

    private static async Task<IResult> Handle(HttpContext http, Func<JsonElement, System.Text.Json.Nodes.JsonObject> work, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(http, 8, ct);
        using (body)
        {
            return Results.Text(work(body.RootElement).ToJsonString(), "application/json");
        }
    }
}

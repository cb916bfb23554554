using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Guardrails;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Guardrails.Injection;
using Cairn.Guardrails.Pii;
using Cairn.Server.Guardrails;
using Cairn.Server.Http;

namespace Cairn.Server.Api;

/// <summary>
/// <c>/api/v1/guardrails</c>: PII analysis and anonymization (with the project's recognizers and keys), injection
/// detection, policy checks, de-anonymization (its own scope, audited), policies per route (admin), and red-team
/// reports. The computations are not audited (nothing is stored but vault tokens); bodies up to the server's request
/// limit (1 MiB by default; larger is 413).
/// </summary>
public static partial class GuardrailEndpoints
{
    public static IEndpointRouteBuilder MapGuardrailEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/guardrails").WithTags("Guardrails");
        group.MapGet("/entities", async (HttpContext http, GuardrailService g, CancellationToken ct) =>
            Json(PiiRequest.Catalog(await g.AnalyzerAsync(http.GetCaller().ProjectId, ct)))).WithName("ListPiiEntities").RequireScope(Scope.Read);
        group.MapPost("/analyze", (HttpContext http, GuardrailService g, CancellationToken ct) => Handle(http, (b, c) => g.AnalyzeAsync(http.GetCaller(), b, c), ct)).WithName("AnalyzePii").RequireScope(Scope.Read);
        group.MapPost("/anonymize", (HttpContext http, GuardrailService g, CancellationToken ct) => Handle(http, (b, c) => g.AnonymizeAsync(http.GetCaller(), b, c), ct)).WithName("AnonymizePii").RequireScope(Scope.Read);
        group.MapPost("/injection", (HttpContext http, CancellationToken ct) => Handle(http, (b, _) => Task.FromResult(Injection(b)), ct)).WithName("DetectInjection").RequireScope(Scope.Read);
        group.MapPost("/check", (HttpContext http, GuardrailService g, CancellationToken ct) => Handle(http, (b, c) => g.CheckAsync(http.GetCaller(), b, c), ct)).WithName("CheckPolicy").RequireScope(Scope.Read);
        group.MapPost("/deanonymize", Deanonymize).WithName("Deanonymize").RequireScope(Scope.Deanonymize);
        group.MapGet("/policies", async (HttpContext http, GuardrailService g, CancellationToken ct) =>
            Json(new JsonArray((await g.ListPoliciesAsync(http.GetCaller(), ct)).Select(p => (JsonNode)ToJson(p, withYaml: false)).ToArray()))).WithName("ListGuardrailPolicies").RequireScope(Scope.Read);
        group.MapGet("/policies/{route}", async (string route, HttpContext http, GuardrailService g, CancellationToken ct) =>
            Json(ToJson(await g.GetPolicyAsync(http.GetCaller(), route, ct), withYaml: true))).WithName("GetGuardrailPolicy").RequireScope(Scope.Read);
        group.MapPut("/policies/{route}", PutPolicy).WithName("PutGuardrailPolicy").RequireScope(Scope.Admin);
        group.MapDelete("/policies/{route}", async (string route, HttpContext http, GuardrailService g, CancellationToken ct) =>
        {
            await g.DeletePolicyAsync(http.GetCaller(), route, ct);
            http.SetAuditDetail($"guardrail policy {route} deleted");
            return Results.NoContent();
        }).WithName("DeleteGuardrailPolicy").RequireScope(Scope.Admin);
        MapRedTeam(group);
        return app;
    }

    /// <summary>True for the analysis routes, computations the audit log leaves out.</summary>
    public static bool IsComputation(PathString path) =>
        path.Equals("/api/v1/guardrails/analyze", StringComparison.Ordinal) || path.Equals("/api/v1/guardrails/anonymize", StringComparison.Ordinal)
        || path.Equals("/api/v1/guardrails/injection", StringComparison.Ordinal) || path.Equals("/api/v1/guardrails/check", StringComparison.Ordinal);

    public static JsonObject ToJson(StoredPolicy p, bool withYaml)
    {
        ArgumentNullException.ThrowIfNull(p);
        var o = new JsonObject { ["route"] = p.Route, ["version"] = p.Version, ["updated_by"] = p.UpdatedBy, ["updated_at"] = p.UpdatedAt };
        if (withYaml)
        {
            o["yaml"] = p.Yaml;
        }

        return o;
    }

    private static JsonObject Injection(JsonElement body)
    {
        var text = PiiRequest.RequiredText(body);
        var threshold = InjectionDetector.DefaultThreshold;
        if (body.TryGetProperty("threshold", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            threshold = t.ValueKind == JsonValueKind.Number && t.GetDouble() is >= 0 and <= 1 and var d ? d : throw CairnException.Invalid("threshold", "must be a number between 0 and 1");
        }

        if (text.Length > PiiAnalyzer.MaxLength)
        {
            throw CairnException.Invalid("text", $"is {text.Length:N0} characters; at most {PiiAnalyzer.MaxLength:N0} are checked at once");
        }

        var r = InjectionDetector.Default.Detect(text, threshold);
        var cp = PiiRequest.CodePoints(text);
        return new JsonObject
        {
            ["score"] = r.Score,
            ["flagged"] = r.Flagged,
            ["threshold"] = r.Threshold,
            ["disguised"] = r.Disguised,
            ["findings"] = new JsonArray(r.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["check"] = f.Check, ["id"] = f.Id, ["category"] = f.Category, ["layer"] = f.Layer,
                ["start"] = cp(f.Start), ["end"] = cp(f.End), ["utf16_start"] = f.Start, ["utf16_end"] = f.End, ["score"] = f.Score,
            }).ToArray()),
            ["decoded"] = new JsonArray(r.Decoded.Select(d => (JsonNode)new JsonObject
            {
                ["encoding"] = d.Encoding, ["start"] = cp(d.Start), ["end"] = cp(d.End), ["text"] = d.Text.Length > 2000 ? d.Text[..2000] : d.Text,
            }).ToArray()),
        };
    }

    private static async Task<IResult> Deanonymize(HttpContext http, GuardrailService g, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(http, 8, ct);
        using (body)
        {
            var result = await g.DeanonymizeAsync(http.GetCaller(), body.RootElement, ct);
            http.SetAuditDetail($"de-anonymized {result["restored"]} token(s); {((JsonArray)result["unknown_tokens"]!).Count} unknown");
            return Json(result);
        }
    }

    private static async Task<IResult> PutPolicy(string route, HttpContext http, GuardrailService g, CancellationToken ct)
    {
        string yaml;
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var body = await JsonBody.ReadAsync(http, 8, ct);
            using (body)
            {
                yaml = PiiRequest.RequiredText(body.RootElement, "yaml");
            }
        }
        else
        {
            using var reader = new StreamReader(http.Request.Body);
            var buffer = new char[Cairn.Guardrails.Policies.PolicyParser.MaxBytes + 1];
            var n = await reader.ReadBlockAsync(buffer, ct);
            yaml = new string(buffer, 0, n);
        }

        var stored = await g.PutPolicyAsync(http.GetCaller(), route, yaml, ct);
        http.SetAuditDetail($"guardrail policy {stored.Route} version {stored.Version}");
        return Results.Text(ToJson(stored, withYaml: true).ToJsonString(), "application/json", statusCode: stored.Version == 1 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    private static async Task<IResult> Handle(HttpContext http, Func<JsonElement, CancellationToken, Task<JsonObject>> work, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(http, 8, ct);
        using (body)
        {
            return Json(await work(body.RootElement, ct));
        }
    }
}

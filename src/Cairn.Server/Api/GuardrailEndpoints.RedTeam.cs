using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Guardrails;
using Cairn.Core.Storage;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Guardrails.RedTeam;
using Cairn.Server.Http;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/guardrails/redteam/reports</c>: reports uploaded by <c>cairn redteam run --upload</c>, kept per project.</summary>
public static partial class GuardrailEndpoints
{
    private static void MapRedTeam(RouteGroupBuilder group)
    {
        group.MapPost("/redteam/reports", UploadReport).WithName("UploadRedTeamReport").RequireScope(Scope.Write);
        group.MapGet("/redteam/reports", async (HttpContext http, IGuardrailStore store, CancellationToken ct) =>
            Json(new JsonArray((await store.ListReportsAsync(http.GetCaller().ProjectId, ct)).Select(r => (JsonNode)Summary(r)).ToArray())))
            .WithName("ListRedTeamReports").RequireScope(Scope.Read);
        group.MapGet("/redteam/reports/{id}", async (string id, string? format, HttpContext http, IGuardrailStore store, CancellationToken ct) =>
        {
            var record = await store.GetReportAsync(http.GetCaller().ProjectId, id, ct) ?? throw CairnException.NotFound("red-team report", id);
            return format switch
            {
                null or "json" => Results.Text(record.Report, "application/json"),
                "markdown" => Results.Text(RedTeamMarkdownWriter.Write(Parse(record.Report)), "text/markdown; charset=utf-8"),
                "html" => Results.Text(RedTeamHtmlWriter.Write(Parse(record.Report)), "text/html; charset=utf-8"),
                _ => throw CairnException.Invalid("format", "must be json, markdown or html"),
            };
        }).WithName("GetRedTeamReport").RequireScope(Scope.Read);
    }

    public static JsonObject Summary(RedTeamRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["id"] = r.Id, ["target"] = r.Target, ["model"] = r.Model, ["attempted"] = r.Attempted, ["succeeded"] = r.Succeeded,
            ["created_by"] = r.CreatedBy, ["created_at"] = r.CreatedAt,
        };
    }

    /// <summary>Reads a stored or uploaded report; one that is not a report is a 400 (upload) — stored ones were checked on the way in.</summary>
    public static RedTeamReport Parse(string json)
    {
        try
        {
            return RedTeamReportJson.Deserialize(json) ?? throw CairnException.Invalid("body", "must be a red-team report (the JSON 'cairn redteam run' writes)");
        }
        catch (JsonException e)
        {
            throw CairnException.Invalid("body", $"is not a red-team report: {e.Message}");
        }
    }

    // Everything the report pages and writers read must be there: a stored report is always viewable.
    private static void Validate(RedTeamReport report)
    {
        if (report.Overall is null || report.Attacks is null || report.Categories is null || string.IsNullOrEmpty(report.Target) || report.Model is null || report.SystemPrompt is null)
        {
            throw CairnException.Invalid("body", "must be a red-team report with target, model, system_prompt, overall, categories and attacks");
        }

        if (report.Attacks.Count > 10_000 || report.Categories.Count > 100)
        {
            throw CairnException.Invalid("attacks", "holds more than 10,000 results (or categories more than 100)");
        }

        foreach (var (c, i) in report.Categories.Append(report.Overall).Select((c, i) => (c, i)))
        {
            if (c is null || c.Category is null || c.Name is null || c.Attempted < 0 || c.Succeeded < 0 || c.Errors < 0 || c.Refusals < 0)
            {
                throw CairnException.Invalid($"categories[{i}]", "must have category, name and counts of zero or more");
            }
        }

        for (var i = 0; i < report.Attacks.Count; i++)
        {
            var a = report.Attacks[i];
            if (a is null || a.Id is null || a.Category is null || a.Title is null || a.Technique is null || a.Prompt is null)
            {
                throw CairnException.Invalid($"attacks[{i}]", "must have id, category, title, technique and prompt");
            }
        }
    }

    private static async Task<IResult> UploadReport(HttpContext http, IGuardrailStore store, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(http, 8, ct);
        string json;
        using (body)
        {
            json = body.RootElement.GetRawText();
        }

        var report = Parse(json);
        Validate(report);

        var caller = http.GetCaller();
        var id = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var record = new RedTeamRecord(id, report.Target, report.Model ?? "", report.Overall.Attempted, report.Overall.Succeeded, RedTeamReportJson.Serialize(report), caller.Principal,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await store.PutReportAsync(caller.ProjectId, record, ct);
        http.SetAuditDetail($"red-team report {id}: {report.Overall.Succeeded}/{report.Overall.Attempted} attacks succeeded against {report.Target}");
        return Results.Text(Summary(record).ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }
}

using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Core.Audit;
using Cairn.Governance.Audit;
using Cairn.Governance.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/audit</c>: read and verify the log. There is no route that changes or deletes an event.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        audit.MapGet("/events", ListEvents).WithName("ListAuditEvents").RequireScope(Scope.Admin);
        audit.MapGet("/verify", Verify).WithName("VerifyAudit").RequireScope(Scope.Admin);
        return app;
    }

    public static async Task<Ok<AuditEventDto[]>> ListEvents(
        HttpContext http, AuditService audit, CancellationToken ct,
        string? project = null, string? actor = null, string? action = null, string? outcome = null, long? before = null, int limit = 100)
    {
        var events = await audit.QueryAsync(http.GetCaller(), new AuditQuery(project, actor, action, outcome, before, limit), ct);
        return TypedResults.Ok(events.Select(e => e.ToDto()).ToArray());
    }

    public static async Task<Ok<AuditVerificationDto>> Verify(HttpContext http, AuditService audit, CancellationToken ct) =>
        TypedResults.Ok((await audit.VerifyAsync(http.GetCaller(), ct)).ToDto());
}

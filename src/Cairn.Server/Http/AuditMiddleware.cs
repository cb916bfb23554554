using System.Diagnostics;
using Cairn.Core.Audit;
using Cairn.Governance.Audit;
using Cairn.Governance.Access;

namespace Cairn.Server.Http;

/// <summary>
/// Appends an audit event for every mutating request by an authenticated caller, and for every
/// sign-in form the sign-in page handled. The response is held back until the event is durable,
/// so no acknowledged change lacks its event. Reads (GET, HEAD, OPTIONS) are not audited here, nor
/// are inference requests: a prediction changes nothing, and its count, outcome and latency go to the
/// serving metrics instead (creating or deleting a deployment is audited).
/// </summary>
public sealed partial class AuditMiddleware(RequestDelegate next, AuditWriter audit, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    /// <summary>The longest target (method and path) stored in an event.</summary>
    public const int MaxTargetLength = 512;

    private static readonly object RouteKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || Api.InferenceEndpoints.IsInference(context.Request.Path) || Api.MetricEndpoints.IsComputation(context.Request.Path) || Api.GuardrailEndpoints.IsComputation(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
            if (ToRecord(context) is { } record)
            {
                // Not the request's token: once the change is committed, a client hanging up must not cancel its event.
                await audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // the change may already be committed: answer with what is known rather than a bare 500
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogAuditFailed(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Body = original;
            context.Response.Headers.ContentLength = null;
            await Problems.WriteAsync(
                context, 500, "Audit failure",
                "the request was processed but its audit event could not be recorded; check the change and the server log before retrying").ConfigureAwait(false);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (buffer.Length > 0)
        {
            context.Response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Remembers the matched endpoint's name and project right after routing: the exception handler
    /// clears both before a failed request reaches <see cref="ToRecord"/>.
    /// </summary>
    public static Task CaptureRoute(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var endpoint = context.GetEndpoint();
        var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint?.DisplayName;
        context.Items[RouteKey] = (action, context.GetRouteValue("project") as string);
        return next(context);
    }

    private AuditRecord? ToRecord(HttpContext context)
    {
        var caller = context.FindCaller();
        var named = context.GetAuditAction();

        // Anonymous requests are audited only when a page chose to (the sign-in form): nobody floods the chain for free.
        if (caller is null && named.Action is null)
        {
            return null;
        }

        var route = context.Items.TryGetValue(RouteKey, out var r) && r is ValueTuple<string?, string?> captured ? captured : default;
        var detail = context.GetAuditDetail();
        var project = named.Project ?? route.Item2 ?? caller?.Project;
        if (caller is not null && !caller.IsAdmin && project is not null && !string.Equals(project, caller.Project, StringComparison.Ordinal))
        {
            // A probe of a project the caller cannot see belongs to the caller's project, not the target's.
            detail = $"requested project '{Truncate(project, 64)}' outside the key's project" + (detail.Length > 0 ? "; " + detail : string.Empty);
            project = caller.Project;
        }

        var status = context.Response.StatusCode;
        return new AuditRecord(
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            caller?.Actor ?? "anonymous",
            project,
            named.Action ?? route.Item1 ?? context.Request.Method,
            Truncate($"{context.Request.Method} {context.Request.Path}", MaxTargetLength),
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
            AuditOutcome.FromStatus(status),
            status,
            detail);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit event for {Method} {Path} could not be written")]
    private static partial void LogAuditFailed(ILogger logger, Exception e, string method, string path);
}

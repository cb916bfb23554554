using System.Diagnostics;
using Cairn.Core.Audit;
using Cairn.Governance.Audit;
using Cairn.Server.Auth;

namespace Cairn.Server.Http;

/// <summary>
/// Appends an audit event for every mutating request by an authenticated caller (and every
/// sign-in attempt). The response is held back until the event is durable, so no acknowledged
/// change lacks its event. Reads (GET, HEAD, OPTIONS) are not audited here.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditWriter audit, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
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
                await audit.AppendAsync(record, context.RequestAborted).ConfigureAwait(false);
            }
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

    private static readonly object RouteKey = new();

    private AuditRecord? ToRecord(HttpContext context)
    {
        var route = context.Items.TryGetValue(RouteKey, out var r) && r is ValueTuple<string?, string?> captured ? captured : default;
        var action = route.Item1 ?? context.Request.Method;
        var caller = context.FindCaller();
        var isSignIn = context.Request.Path.StartsWithSegments("/signin", StringComparison.OrdinalIgnoreCase);
        if (caller is null && !isSignIn)
        {
            return null;
        }

        var named = context.Items.TryGetValue(AuditDetail.ActionKey, out var n) && n is ValueTuple<string, string?> t ? (Action: t.Item1, Project: t.Item2) : default;
        if (named.Action is not null)
        {
            action = named.Action;
        }

        var project = named.Project ?? route.Item2 ?? caller?.Project;
        var status = context.Response.StatusCode;
        return new AuditRecord(
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            caller?.Actor ?? "anonymous",
            project,
            isSignIn && named.Action is null ? "SignIn" : action,
            $"{context.Request.Method} {context.Request.Path}",
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
            AuditOutcome.FromStatus(status),
            status,
            context.Items.TryGetValue(AuditDetail.DetailKey, out var detail) ? detail as string ?? string.Empty : string.Empty);
    }
}

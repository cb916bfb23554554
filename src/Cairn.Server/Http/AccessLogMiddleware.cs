using System.Diagnostics;
using Cairn.Governance.Access;

namespace Cairn.Server.Http;

/// <summary>One structured log line per request: method, path, status, duration and who asked. The trace id comes from the logging scope.</summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            LogRequest(
                logger,
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds,
                context.FindCaller()?.Actor ?? "anonymous");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {DurationMs:F2}ms by {Actor}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double durationMs, string actor);
}

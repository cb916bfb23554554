using Cairn.Mlflow;
using Microsoft.AspNetCore.Diagnostics;

namespace Cairn.Server.Http;

/// <summary>Bodies for statuses the framework sets without one (no route, wrong method, body too large, wrong media type).</summary>
public static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (MlflowErrors.IsMlflowPath(http.Request.Path))
        {
            var (mlflowStatus, code) = MlflowErrors.Of(status);
            var message = status switch
            {
                404 => $"No API endpoint matches {http.Request.Method} {http.Request.Path}",
                405 => $"{http.Request.Method} is not allowed on {http.Request.Path}",
                413 => "The request body is larger than this endpoint accepts",
                415 => "Bad Request. Content-Type must be one of ['application/json'].",
                _ => $"HTTP {status}",
            };
            await MlflowErrors.WriteAsync(http, mlflowStatus, code, message).ConfigureAwait(false);
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http }).ConfigureAwait(false);
    }
}

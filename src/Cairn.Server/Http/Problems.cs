using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server;

/// <summary>Writes RFC 9457 problem+json bodies carrying the request's trace id.</summary>
public static class Problems
{
    /// <summary>
    /// Gives the framework's own problems (no route, wrong method, body too large, wrong media type)
    /// a detail that says what to change, and the same <c>trace_id</c> as Cairn's problems.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = TraceId(http);
        problem.Detail ??= problem.Status switch
        {
            404 => $"no route matches {http.Request.Method} {http.Request.Path}",
            405 => $"{http.Request.Method} is not allowed on {http.Request.Path}",
            413 => "the request body is larger than this route accepts",
            415 => "this endpoint accepts only 'Content-Type: application/json'",
            _ => null,
        };
    }

    private static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    /// <summary>Writes a problem with the given status (on the MLflow surface, MLflow's envelope instead).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Cairn.Mlflow.MlflowErrors.IsMlflowPath(context.Request.Path))
        {
            var (mlflowStatus, code) = Cairn.Mlflow.MlflowErrors.Of(status);
            return Cairn.Mlflow.MlflowErrors.WriteAsync(context, mlflowStatus, code, detail);
        }

        var problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        context.Response.StatusCode = status;
        problem.Extensions["trace_id"] = TraceId(context);
        return context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
    }
}

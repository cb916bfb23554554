using System.Text.Json;
using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Cairn.Mlflow;

/// <summary>
/// MLflow's error envelope <c>{"error_code", "message"}</c> and its status per code. Note that
/// RESOURCE_ALREADY_EXISTS is a 400 in MLflow, and that a deterministic error is never a 5xx
/// (the MLflow client retries 5xx for minutes).
/// </summary>
public static class MlflowErrors
{
    private static readonly string[] Prefixes = ["/api/2.0/mlflow", "/ajax-api/2.0/mlflow", "/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts"];

    /// <summary>Whether a request belongs to the MLflow surface and so gets MLflow's error format.</summary>
    public static bool IsMlflowPath(PathString path) => Prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The MLflow status and code for a domain error.</summary>
    public static (int Status, string Code) Of(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => (400, "INVALID_PARAMETER_VALUE"),
        ErrorKind.NotFound => (404, "RESOURCE_DOES_NOT_EXIST"),
        ErrorKind.AlreadyExists => (400, "RESOURCE_ALREADY_EXISTS"),
        ErrorKind.Conflict => (409, "RESOURCE_CONFLICT"),
        ErrorKind.Forbidden => (403, "PERMISSION_DENIED"),
        ErrorKind.Unprocessable => (422, "INVALID_STATE"),
        _ => (503, "TEMPORARILY_UNAVAILABLE"),
    };

    /// <summary>The MLflow status and code for an HTTP status produced outside the domain (auth, routing, body limits).</summary>
    public static (int Status, string Code) Of(int status) => status switch
    {
        400 => (400, "INVALID_PARAMETER_VALUE"),
        401 => (401, "UNAUTHENTICATED"),
        403 => (403, "PERMISSION_DENIED"),
        404 => (404, "ENDPOINT_NOT_FOUND"),
        405 => (405, "ENDPOINT_NOT_FOUND"),
        409 => (409, "RESOURCE_CONFLICT"),
        413 => (413, "INVALID_PARAMETER_VALUE"),
        415 => (400, "INVALID_PARAMETER_VALUE"),
        429 => (429, "REQUEST_LIMIT_EXCEEDED"),
        503 => (503, "TEMPORARILY_UNAVAILABLE"),
        >= 500 => (500, "INTERNAL_ERROR"),
        _ => (400, "BAD_REQUEST"),
    };

    /// <summary>Writes the envelope for a domain error; the message loses Cairn's "field: " prefix, as MLflow's messages carry none.</summary>
    public static Task WriteAsync(HttpContext context, CairnException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (status, code) = Of(error.Kind);
        var message = error.Field is { } f && error.Message.StartsWith(f + ": ", StringComparison.Ordinal) ? error.Message[(f.Length + 2)..] : error.Message;
        return WriteAsync(context, status, code, message);
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, string> { ["error_code"] = code, ["message"] = message }, MlflowJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}

using System.Text.Json;
using Cairn.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Cairn.Server.Http;

/// <summary>
/// Maps exceptions to problem+json: domain errors to their 4xx, malformed or oversize requests to
/// 400/413/415 with the parser's own explanation, and anything else to a 500 (which is a bug).
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        switch (exception)
        {
            case CairnException e when Cairn.Mlflow.MlflowErrors.IsMlflowPath(httpContext.Request.Path):
                await Cairn.Mlflow.MlflowErrors.WriteAsync(httpContext, e).ConfigureAwait(false);
                return true;
            case CairnException e:
                var errors = e.Field is null ? null : new Dictionary<string, string[]> { [e.Field] = [e.Message] };
                await Problems.WriteAsync(httpContext, StatusOf(e.Kind), TitleOf(e.Kind), e.Message, errors).ConfigureAwait(false);
                return true;
            case BadHttpRequestException e:
                await Problems.WriteAsync(httpContext, e.StatusCode, "Bad request", Explain(e)).ConfigureAwait(false);
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                httpContext.Response.StatusCode = 499;
                return true;
            default:
                LogUnhandled(logger, exception, httpContext.Request.Path);
                await Problems.WriteAsync(httpContext, 500, "Internal error", "an unexpected error occurred; it has been logged with this trace id").ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>The HTTP status of a domain error kind.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => 400,
        ErrorKind.NotFound => 404,
        ErrorKind.AlreadyExists => 409,
        ErrorKind.Conflict => 409,
        ErrorKind.Forbidden => 403,
        ErrorKind.Unavailable => 503,
        ErrorKind.Unprocessable => 422,
        ErrorKind.Overloaded => 429,
        ErrorKind.TimedOut => 504,
        _ => 500,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "Invalid request",
        ErrorKind.NotFound => "Not found",
        ErrorKind.AlreadyExists => "Already exists",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.Unprocessable => "Unprocessable",
        ErrorKind.Overloaded => "Too many requests",
        ErrorKind.TimedOut => "Timed out",
        _ => "Unavailable",
    };

    private static string Explain(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return "the request body is larger than this route accepts";
        }

        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return "this endpoint accepts only 'Content-Type: application/json'";
        }

        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return $"the body is not valid JSON for this endpoint: {json.Message}";
            }
        }

        return e.Message;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}

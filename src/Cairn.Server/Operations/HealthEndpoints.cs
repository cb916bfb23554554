using Cairn.Core.Storage;

namespace Cairn.Server.Operations;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (database reachable, schema current). Both are anonymous.</summary>
public static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Healthz").WithTags("Operations").AllowAnonymous();
        app.MapGet("/readyz", Ready).WithName("Readyz").WithTags("Operations").AllowAnonymous();
        return app;
    }

    public static async Task<IResult> Ready(IDatabaseStatus database, ILoggerFactory logs, CancellationToken ct)
    {
        try
        {
            var (applied, expected) = await database.GetSchemaVersionAsync(ct);
            return applied == expected
                ? TypedResults.Json(new { status = "ready", database = database.Provider, schema_version = applied })
                : TypedResults.Json(
                    new { status = "not ready", database = database.Provider, reason = $"schema version {applied}, this build needs {expected}: run 'cairn db upgrade'" },
                    statusCode: 503);
        }
#pragma warning disable CA1031 // any failure to reach the database means not ready, and says why
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogNotReady(logs.CreateLogger("Cairn.Readiness"), e);
            return TypedResults.Json(new { status = "not ready", database = database.Provider, reason = "the database cannot be reached" }, statusCode: 503);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check failed")]
    private static partial void LogNotReady(ILogger logger, Exception e);
}

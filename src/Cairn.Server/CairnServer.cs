using System.Text.Json;
using System.Text.Json.Serialization;
using Cairn.Evaluation;
using Cairn.Mlflow;
using Cairn.Registry;
using Cairn.Serving;
using Cairn.Tracking;
using Cairn.Core.Errors;
using Cairn.Governance;
using Cairn.Governance.Keys;
using Cairn.Server.Api;
using Cairn.Server.Auth;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Metrics;
using Cairn.Server.Operations;
using Cairn.Server.Ui;
using Cairn.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace Cairn.Server;

/// <summary>Builds and runs the Cairn server: every module's services and endpoints, composed.</summary>
public static class CairnServer
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        ["Logging:LogLevel:Cairn.Server.Auth.CairnAuthenticationHandler"] = "Warning",
    };

    /// <summary>Builds the application from arguments (<c>--data-dir</c>, <c>--urls</c>, <c>--storage-provider</c>, <c>--connection-string</c>), environment and appsettings.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(CairnServer).Assembly.GetName().Name,
        });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Configuration.AddCommandLine(args, ServerDefaults.Switches.ToDictionary(k => k.Key, v => v.Value));
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(ServerDefaults.Url);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        builder.AddCairnStorage();
        builder.AddCairnGovernance();
        builder.AddCairnTracking();
        builder.AddCairnRegistry();
        builder.AddCairnServing();
        builder.AddCairnEvaluation();
        AddHttp(builder);
        builder.Services.AddCairnAuth();
        builder.Services.AddSingleton<PrometheusCollector>();
        builder.Services.AddSingleton<Guardrails.GuardrailService>();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "cairn_csrf");
        builder.Services.AddDataProtection().SetApplicationName("cairn")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Configuration[$"{StorageOptions.Section}:DataDirectory"] ?? new StorageOptions().DataDirectory, "keys")));
        configure?.Invoke(builder);

        var app = builder.Build();
        _ = app.Services.GetRequiredService<PrometheusCollector>();
        UsePipeline(app);
        return app;
    }

    /// <summary>Builds, prepares the database and serves until stopped. Returns a process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter console, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await using var app = Build(args);
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
            await StartupTasks.PrepareAsync(app.Services, console, Environment.GetEnvironmentVariable(AdminBootstrap.AdminKeyVariable), ct).ConfigureAwait(false);
            await app.RunAsync(ct.CanBeCanceled ? ct : default).ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("cairn: invalid configuration:\n  " + string.Join("\n  ", e.Failures)).ConfigureAwait(false);
            return 2;
        }
        catch (InvalidOperationException e) when (e.InnerException is FormatException or OverflowException or ArgumentException)
        {
            // The configuration binder's "Failed to convert configuration value at '<key>' to type '<type>'".
            await error.WriteLineAsync("cairn: invalid configuration:\n  " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (CairnException e)
        {
            await error.WriteLineAsync("cairn: " + e.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private static void AddHttp(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpOptions>().Bind(builder.Configuration.GetSection(HttpOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes is > 0 and <= 1L << 40, "Cairn:Http:MaxRequestBodyBytes must be between 1 and 2^40")
            .ValidateOnStart();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(HttpOptions.Section).Get<HttpOptions>()?.MaxRequestBodyBytes ?? new HttpOptions().MaxRequestBodyBytes;
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

            // MLflow clients send int64 as numeric strings and NaN/Infinity as strings.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
    }

    /// <summary>Kestrel would resolve <c>a/../b</c> before routing; Cairn refuses such paths instead of guessing what was meant.</summary>
    private static Task RejectDotSegments(HttpContext context, RequestDelegate next)
    {
        RawTargetGuard.CheckPath(context);
        return next(context);
    }

    private static void UsePipeline(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.AccessLog)
        {
            app.UseMiddleware<AccessLogMiddleware>();
        }

        app.UseMiddleware<AuditMiddleware>();
        app.UseExceptionHandler();
        app.Use(RejectDotSegments);
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseRouting();
        app.Use(AuditMiddleware.CaptureRoute);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapMeEndpoints();
        app.MapProjectEndpoints();
        app.MapKeyEndpoints();
        app.MapAuditEndpoints();
        app.MapTrackingEndpoints();
        app.MapRunArtifactEndpoints();
        app.MapRegistryEndpoints();
        app.MapDeploymentEndpoints();
        app.MapInferenceEndpoints();
        app.MapMetricEndpoints();
        app.MapEvaluationEndpoints();
        app.MapReviewEndpoints();
        app.MapGuardrailEndpoints();
        app.MapMlflowEndpoints();
        app.MapMlflowArtifactEndpoints();
        app.MapUiEndpoints();
    }
}

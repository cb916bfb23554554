using System.Globalization;
using System.Text.Json;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Governance.Access;
using Cairn.Onnx;
using Cairn.Serving;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.Api;

/// <summary>
/// The inference surface: the Open Inference Protocol (KServe V2 JSON) under <c>/v2</c> and MLflow-style
/// scoring at <c>/serve/{deployment}/invocations</c>. Errors use each protocol's own shape:
/// <c>{"error": "…"}</c> with the 4xx/5xx status; 429 and 503 carry <c>Retry-After</c>.
/// </summary>
public static class InferenceEndpoints
{
    public static IEndpointRouteBuilder MapInferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Inference");
        v2.MapGet("/health/live", () => TypedResults.Json(new { live = true })).WithName("V2Live").AllowAnonymous();
        v2.MapGet("/health/ready", ServerReady).WithName("V2Ready").AllowAnonymous();
        v2.MapGet("/models/{name}", (string name, HttpContext http, DeploymentService d) => Metadata(name, null, http, d)).WithName("V2ModelMetadata").RequireScope(Scope.Read);
        v2.MapGet("/models/{name}/versions/{version}", Metadata).WithName("V2ModelVersionMetadata").RequireScope(Scope.Read);
        v2.MapGet("/models/{name}/ready", (string name, HttpContext http, DeploymentService d) => ModelReady(name, null, http, d)).WithName("V2ModelReady").RequireScope(Scope.Read);
        v2.MapGet("/models/{name}/versions/{version}/ready", ModelReady).WithName("V2ModelVersionReady").RequireScope(Scope.Read);
        v2.MapPost("/models/{name}/infer", (string name, HttpContext http, DeploymentService d, CancellationToken ct) => Infer(name, null, http, d, ct))
            .WithName("V2Infer").RequireScope(Scope.Read);
        v2.MapPost("/models/{name}/versions/{version}/infer", Infer).WithName("V2InferVersion").RequireScope(Scope.Read);
        app.MapPost("/serve/{deployment}/invocations", Invocations).WithTags("Inference").WithName("MlflowInvocations").RequireScope(Scope.Read);
        return app;
    }

    /// <summary>Server readiness: ONNX Runtime is loaded and every deployment in this process is ready.</summary>
    public static IResult ServerReady(DeploymentHost host)
    {
        var runtime = OnnxRuntime.TryLoad(out var problem);
        var notReady = host.All.Where(m => !m.Ready).Select(m => m.Deployment.Name).ToList();
        var ready = runtime is not null && notReady.Count == 0;
        return TypedResults.Json(
            new { ready, onnxruntime = runtime?.Version, problem, not_ready = notReady },
            statusCode: ready ? 200 : 503);
    }

    public static Task Metadata(string name, string? version, HttpContext http, DeploymentService deployments) => Answer(http, async () =>
    {
        var model = Ready(Find(http, deployments, name, version));
        await WriteAsync(http, 200, json => OpenInference.WriteMetadata(json, model));
    });

    public static Task ModelReady(string name, string? version, HttpContext http, DeploymentService deployments) => Answer(http, async () =>
    {
        var model = Find(http, deployments, name, version);
        await WriteAsync(http, model.Ready ? 200 : 503, json =>
        {
            json.WriteStartObject();
            json.WriteString("name", model.Deployment.Name);
            json.WriteBoolean("ready", model.Ready);
            if (!model.Ready)
            {
                json.WriteString("problem", model.Problem);
            }

            json.WriteEndObject();
        });
    });

    public static Task Infer(string name, string? version, HttpContext http, DeploymentService deployments, CancellationToken ct) => Answer(http, async () =>
    {
        var model = Ready(Find(http, deployments, name, version));
        using var body = await ReadBodyAsync(http, model, ct);
        var request = OpenInference.Read(body.RootElement, model);
        var outputs = await model.RunAsync(request.Inputs, request.Outputs, ct);
        await WriteAsync(http, 200, json => OpenInference.Write(json, model, request.Id, outputs));
    });

    public static Task Invocations(string deployment, HttpContext http, DeploymentService deployments, CancellationToken ct) => Answer(http, async () =>
    {
        var model = Ready(Find(http, deployments, deployment, null));
        using var body = await ReadBodyAsync(http, model, ct);
        var inputs = MlflowScoring.Read(body.RootElement, model);
        var outputs = await model.RunAsync(inputs, null, ct);
        await WriteAsync(http, 200, json => MlflowScoring.Write(json, outputs));
    });

    private static ServedModel Find(HttpContext http, DeploymentService deployments, string name, string? version)
    {
        var model = deployments.Get(http.GetCaller().ProjectId, name);
        if (version is not null && version != model.Deployment.ModelVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new CairnException(ErrorKind.NotFound, $"deployment '{name}' serves version {model.Deployment.ModelVersion}, not {version}");
        }

        return model;
    }

    private static ServedModel Ready(ServedModel model) =>
        model.Ready ? model : throw new CairnException(ErrorKind.Unavailable, $"deployment '{model.Deployment.Name}' is not ready: {model.Problem}");

    private static async Task<JsonDocument> ReadBodyAsync(HttpContext http, ServedModel model, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = model.Deployment.Settings.MaxBodyBytes;
        }

        if (http.Request.ContentLength > model.Deployment.Settings.MaxBodyBytes)
        {
            throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, ct);
        }
        catch (JsonException e)
        {
            throw CairnException.Invalid("body", "is not valid JSON: " + e.Message);
        }
    }

    private static async Task Answer(HttpContext http, Func<Task> handle)
    {
        int status;
        string message;
        try
        {
            await handle();
            return;
        }
        catch (CairnException e)
        {
            (status, message) = (Http.ProblemExceptionHandler.StatusOf(e.Kind), e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            (status, message) = (413, "body: exceeds this deployment's max_body_bytes");
        }

        if (status is 429 or 503)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        await WriteAsync(http, status, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        });
    }

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            write(json);
        }

        await http.Response.BodyWriter.FlushAsync();
    }
}

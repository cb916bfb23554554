using System.Globalization;
using System.Text.Json;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Governance.Access;
using Cairn.Onnx;
using Cairn.Serving;

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
        v2.MapPost("/models/{name}/infer", (string name, HttpContext http, DeploymentService d, ServingMetrics m, CancellationToken ct) => Infer(name, null, http, d, m, ct))
            .WithName("V2Infer").RequireScope(Scope.Read);
        v2.MapPost("/models/{name}/versions/{version}/infer", Infer).WithName("V2InferVersion").RequireScope(Scope.Read);
        app.MapPost("/serve/{deployment}/invocations", Invocations).WithTags("Inference").WithName("MlflowInvocations").RequireScope(Scope.Read);
        return app;
    }

    /// <summary>True for the inference routes (<c>/v2/…</c>, <c>/serve/{deployment}/invocations</c>): reads that the audit log leaves to the metrics.</summary>
    public static bool IsInference(PathString path) =>
        path.StartsWithSegments("/v2", StringComparison.Ordinal)
        || (path.StartsWithSegments("/serve", StringComparison.Ordinal) && path.Value!.EndsWith("/invocations", StringComparison.Ordinal) && path.Value.Count(c => c == '/') == 3);

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

    public static Task Infer(string name, string? version, HttpContext http, DeploymentService deployments, ServingMetrics metrics, CancellationToken ct) =>
        Measured(http, metrics, "v2", () => Find(http, deployments, name, version), async (model, bytes) =>
        {
            using var body = Json(bytes);
            var request = OpenInference.Read(body.RootElement, model);
            var outputs = await model.RunAsync(request.Inputs, request.Outputs, ct);
            return await WriteAsync(http, 200, json => OpenInference.Write(json, model, request.Id, outputs));
        }, ct);

    public static Task Invocations(string deployment, HttpContext http, DeploymentService deployments, ServingMetrics metrics, CancellationToken ct) =>
        Measured(http, metrics, "mlflow", () => Find(http, deployments, deployment, null), async (model, bytes) =>
        {
            var outputs = await model.RunAsync(ScoringInputs(http.Request.ContentType, bytes, model), null, ct);
            return await WriteAsync(http, 200, json => MlflowScoring.Write(json, outputs));
        }, ct);

    /// <summary>
    /// One inference request with its span and metrics: duration by outcome, request and response bytes, errors by kind.
    /// Requests naming no deployment of the project are answered but not measured (their labels would be unbounded).
    /// </summary>
    private static async Task Measured(
        HttpContext http, ServingMetrics metrics, string protocol, Func<ServedModel> find, Func<ServedModel, byte[], Task<long>> handle, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ServedModel? model = null;
        long requestBytes = -1;
        long responseBytes = -1;
        System.Diagnostics.Activity? span = null;
        var error = await Answer(http, async () =>
        {
            model = Ready(find());
            span = ServingMetrics.StartSpan(protocol, model.Deployment.Name);
            span?.SetTag("cairn.model", model.Deployment.ModelName);
            span?.SetTag("cairn.model.version", model.Deployment.ModelVersion);
            var body = await ReadBodyAsync(http, model, ct);
            requestBytes = body.Length;
            responseBytes = await handle(model, body);
        });
        if (model is not null)
        {
            var kind = error is null ? null : ErrorLabel(error.Value.Status);
            span?.SetTag("cairn.outcome", kind ?? "ok");
            if (kind is not null)
            {
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error!.Value.Message);
            }

            metrics.Record(model, protocol, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, requestBytes, responseBytes, kind);
        }

        span?.Dispose();
    }

    private static string ErrorLabel(int status) => status switch
    {
        400 => "invalid",
        404 => "not_found",
        413 => "too_large",
        422 => "unprocessable",
        429 => "overloaded",
        503 => "unavailable",
        504 => "timed_out",
        _ => "failed",
    };

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

    /// <summary>
    /// MLflow's scoring formats by content type: JSON (the four formats), <c>text/csv</c> (a header row of column
    /// names, like <c>pandas.read_csv</c>), and for an OCR deployment the image file itself (<c>image/png</c>).
    /// </summary>
    private static IReadOnlyList<OnnxTensor> ScoringInputs(string? contentType, byte[] body, ServedModel model)
    {
        var media = (contentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        if (media.StartsWith("image/", StringComparison.Ordinal) || media == "application/octet-stream")
        {
            return model.Model is Cairn.Serving.Vision.OcrModel
                ? [OnnxTensor.Of("image", [Convert.ToBase64String(body)], 1)]
                : throw new CairnException(ErrorKind.Invalid, $"Content-Type: deployment '{model.Deployment.Name}' takes JSON or CSV; an image body is for OCR deployments");
        }

        using var json = media == "text/csv" ? CsvFrame.ToDataframeSplit(body) : Json(body);
        return MlflowScoring.Read(json.RootElement, model);
    }

    private static JsonDocument Json(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw CairnException.Invalid("body", "is not valid JSON: " + e.Message);
        }
    }

    /// <summary>The whole body, up to the deployment's <c>max_body_bytes</c> (413 beyond).</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContext http, ServedModel model, CancellationToken ct)
    {
        var limit = model.Deployment.Settings.MaxBodyBytes;
        Http.JsonBody.Limit(http, limit);

        var reader = http.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.Start);
                throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                var body = System.Buffers.BuffersExtensions.ToArray(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Runs a handler and answers its error in the protocol's shape; returns the error's status and message, or null.</summary>
    private static async Task<(int Status, string Message)?> Answer(HttpContext http, Func<Task> handle)
    {
        int status;
        string message;
        try
        {
            await handle();
            return null;
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
        return (status, message);
    }

    /// <summary>Writes a JSON answer straight to the response pipe; returns the bytes written.</summary>
    private static async Task<long> WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        long written;
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            write(json);
            await json.FlushAsync();
            written = json.BytesCommitted;
        }

        await http.Response.BodyWriter.FlushAsync();
        return written;
    }
}

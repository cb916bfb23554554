using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Core.Serving;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Onnx;
using Cairn.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/deployments</c>: create (deploy scope), list, show and delete deployments of registry versions.</summary>
public static class DeploymentEndpoints
{
    public static IEndpointRouteBuilder MapDeploymentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deployments").WithTags("Serving");
        group.MapGet("/", List).WithName("ListDeployments").RequireScope(Scope.Read);
        group.MapPost("/", Create).WithName("CreateDeployment").RequireScope(Scope.Deploy);
        group.MapGet("/{name}", Get).WithName("GetDeployment").RequireScope(Scope.Read);
        group.MapDelete("/{name}", Delete).WithName("DeleteDeployment").RequireScope(Scope.Deploy);
        return app;
    }

    public static async Task<Ok<DeploymentDto[]>> List(HttpContext http, DeploymentService deployments, CancellationToken ct) =>
        TypedResults.Ok((await deployments.ListAsync(http.GetCaller().ProjectId, ct)).Select(d => ToDto(d.Deployment, d.Served)).ToArray());

    public static async Task<Created<DeploymentDto>> Create(CreateDeploymentRequest request, HttpContext http, DeploymentService deployments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var served = await deployments.CreateAsync(
            http.GetCaller(), request.Name, request.Model, request.Version, request.Alias, request.File, Settings(request.Settings), ct);
        var d = served.Deployment;
        http.SetAuditDetail($"{d.Name}: {d.ModelName} version {d.ModelVersion} ({d.ModelFile}), {(served.Ready ? "ready" : "not ready: " + served.Problem)}");
        return TypedResults.Created($"/api/v1/deployments/{Uri.EscapeDataString(d.Name)}", ToDto(d, served));
    }

    public static Ok<DeploymentDto> Get(string name, HttpContext http, DeploymentService deployments)
    {
        var served = deployments.Get(http.GetCaller().ProjectId, name);
        return TypedResults.Ok(ToDto(served.Deployment, served));
    }

    public static async Task<NoContent> Delete(string name, HttpContext http, DeploymentService deployments, CancellationToken ct)
    {
        await deployments.DeleteAsync(http.GetCaller().ProjectId, name, ct);
        return TypedResults.NoContent();
    }

    public static TensorSpecDto Spec(OnnxNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Name, TensorElementTypes.ProtocolName(node.ElementType), node.Dimensions);
    }

    public static DeploymentDto ToDto(Deployment d, ServedModel? served) => new(
        d.Name, d.ModelName, d.ModelVersion, d.ModelFile, served?.Ready ?? false, served is null ? "not loaded in this process yet" : served.Problem,
        served?.InFlight ?? 0,
        new DeploymentSettingsDto(d.Settings.MaxRows, d.Settings.MaxBodyBytes, d.Settings.NanPolicy, d.Settings.TimeoutMs, d.Settings.MaxConcurrency,
            d.Settings.MaxQueue, d.Settings.MaxBatchSize, d.Settings.MaxQueueDelayMs, d.Settings.Task, d.Settings.OcrDictionary, d.Settings.OcrDetector),
        d.CreatedBy, d.CreatedAt,
        served?.Model?.Inputs.Select(Spec).ToList() ?? [], served?.Model?.Outputs.Select(Spec).ToList() ?? [],
        served?.Batching ?? false, served?.Latency.Count ?? 0, served?.Latency.Errors ?? 0,
        served?.Latency.Percentile(50) * 1000, served?.Latency.Percentile(99) * 1000);

    private static DeploymentSettings? Settings(DeploymentSettingsDto? s)
    {
        if (s is null)
        {
            return null;
        }

        var d = new DeploymentSettings();
        return new DeploymentSettings
        {
            MaxRows = s.MaxRows ?? d.MaxRows,
            MaxBodyBytes = s.MaxBodyBytes ?? d.MaxBodyBytes,
            NanPolicy = s.NanPolicy ?? d.NanPolicy,
            TimeoutMs = s.TimeoutMs ?? d.TimeoutMs,
            MaxConcurrency = s.MaxConcurrency ?? d.MaxConcurrency,
            MaxQueue = s.MaxQueue ?? d.MaxQueue,
            MaxBatchSize = s.MaxBatchSize ?? d.MaxBatchSize,
            MaxQueueDelayMs = s.MaxQueueDelayMs ?? d.MaxQueueDelayMs,
            Task = s.Task ?? d.Task,
            OcrDictionary = s.OcrDictionary,
            OcrDetector = s.OcrDetector,
        };
    }
}

using System.Text.Json;
using Cairn.Client.Contracts;

namespace Cairn.Client;

/// <summary>Deployments (<c>/api/v1/deployments</c>) and inference (<c>/v2</c>, <c>/serve</c>).</summary>
public sealed partial class CairnClient
{
    /// <summary>The project's deployments with readiness and recent latency.</summary>
    public Task<DeploymentDto[]> ListDeploymentsAsync(CancellationToken ct = default) => GetAsync<DeploymentDto[]>("api/v1/deployments", ct);

    /// <summary>One deployment, with its model's signature.</summary>
    public Task<DeploymentDto> GetDeploymentAsync(string name, CancellationToken ct = default) => GetAsync<DeploymentDto>($"api/v1/deployments/{Esc(name)}", ct);

    /// <summary>Deploys a registry version; the answer says whether it loaded, or why not.</summary>
    public Task<DeploymentDto> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken ct = default) =>
        SendAsync<DeploymentDto>(HttpMethod.Post, "api/v1/deployments", request, ct);

    /// <summary>Unloads and removes a deployment.</summary>
    public Task DeleteDeploymentAsync(string name, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/deployments/{Esc(name)}", null, ct);

    /// <summary>An Open Inference Protocol request (<c>POST /v2/models/{deployment}/infer</c>); the answer as JSON.</summary>
    public Task<JsonDocument> InferAsync(string deployment, object request, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, $"v2/models/{Esc(deployment)}/infer", request, ct);

    /// <summary>MLflow-style scoring (<c>POST /serve/{deployment}/invocations</c>) of a JSON, CSV or image body; <c>{"predictions": …}</c>.</summary>
    public Task<JsonDocument> ScoreAsync(string deployment, HttpContent body, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, $"serve/{Esc(deployment)}/invocations", body, ct);
}

namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/deployments</c>: a registry version by number or alias, optionally the ONNX file inside it, and limits.</summary>
public sealed record CreateDeploymentRequest(
    string? Name, string? Model, long? Version = null, string? Alias = null, string? File = null, DeploymentSettingsDto? Settings = null);

/// <summary>A deployment's limits; omitted fields take their defaults.</summary>
public sealed record DeploymentSettingsDto(
    int? MaxRows = null, long? MaxBodyBytes = null, string? NanPolicy = null, int? TimeoutMs = null, int? MaxConcurrency = null, int? MaxQueue = null,
    int? MaxBatchSize = null, double? MaxQueueDelayMs = null);

/// <summary>An input or output of a served model, as the Open Inference Protocol names it (-1 for an open dimension).</summary>
public sealed record TensorSpecDto(string Name, string Datatype, long[] Shape);

/// <summary>A deployment, whether it is ready (or why not), and its model's signature.</summary>
public sealed record DeploymentDto(
    string Name, string Model, long Version, string File, bool Ready, string? Problem, int InFlight, DeploymentSettingsDto Settings,
    string CreatedBy, long CreatedAt, IReadOnlyList<TensorSpecDto> Inputs, IReadOnlyList<TensorSpecDto> Outputs);

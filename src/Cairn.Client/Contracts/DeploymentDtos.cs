namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/deployments</c>: a registry version by number or alias, optionally the ONNX file inside it, and limits.</summary>
public sealed record CreateDeploymentRequest(
    string? Name, string? Model, long? Version = null, string? Alias = null, string? File = null, DeploymentSettingsDto? Settings = null);

/// <summary>A deployment's limits; omitted fields take their defaults.</summary>
public sealed record DeploymentSettingsDto(
    int? MaxRows = null, long? MaxBodyBytes = null, string? NanPolicy = null, int? TimeoutMs = null, int? MaxConcurrency = null, int? MaxQueue = null,
    int? MaxBatchSize = null, double? MaxQueueDelayMs = null, string? Task = null, string? OcrDictionary = null, string? OcrDetector = null);

/// <summary>An input or output of a served model, as the Open Inference Protocol names it (-1 for an open dimension).</summary>
public sealed record TensorSpecDto(string Name, string Datatype, long[] Shape);

/// <summary>
/// A deployment, whether it is ready (or why not), its model's signature, and how it has served since it was loaded
/// in this process: requests and errors counted, latency percentiles (ms) over the last 1,024 requests.
/// </summary>
public sealed record DeploymentDto(
    string Name, string Model, long Version, string File, bool Ready, string? Problem, int InFlight, DeploymentSettingsDto Settings,
    string CreatedBy, long CreatedAt, IReadOnlyList<TensorSpecDto> Inputs, IReadOnlyList<TensorSpecDto> Outputs,
    bool Batching = false, long Requests = 0, long Errors = 0, double? LatencyP50Ms = null, double? LatencyP99Ms = null);

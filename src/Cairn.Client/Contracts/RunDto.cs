namespace Cairn.Client.Contracts;

/// <summary>A run with its latest metrics, params and tags.</summary>
public sealed record RunDto(
    string Id, long ExperimentId, string Name, string UserId, string Status, long StartTime, long? EndTime, string ArtifactUri, string LifecycleStage,
    IReadOnlyDictionary<string, MetricValueDto> Metrics, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Tags);

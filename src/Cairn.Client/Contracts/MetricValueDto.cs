namespace Cairn.Client.Contracts;

/// <summary>A metric value: the latest of a run, or one point of a history.</summary>
public sealed record MetricValueDto(double Value, long Step, long Timestamp);

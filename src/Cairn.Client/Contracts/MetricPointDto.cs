namespace Cairn.Client.Contracts;

/// <summary>One metric point to log.</summary>
public sealed record MetricPointDto(string Key, double Value, long Timestamp, long Step = 0);

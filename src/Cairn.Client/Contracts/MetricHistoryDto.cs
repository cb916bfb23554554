namespace Cairn.Client.Contracts;

/// <summary>A metric's history; <c>Downsampled</c> says the points were thinned for a chart (extremes kept).</summary>
public sealed record MetricHistoryDto(string Key, IReadOnlyList<MetricValueDto> Points, bool Downsampled, string? NextPageToken);

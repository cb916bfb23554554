namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/runs/{id}/log</c>: all or nothing.</summary>
public sealed record LogBatchRequest(IReadOnlyList<MetricPointDto>? Metrics = null, IReadOnlyDictionary<string, string>? Params = null, IReadOnlyDictionary<string, string>? Tags = null);

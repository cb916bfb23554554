namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/runs</c>; the experiment is the project's Default (0) when omitted.</summary>
public sealed record CreateRunRequest(long? ExperimentId = null, string? Name = null, long? StartTime = null, IReadOnlyDictionary<string, string>? Tags = null, string? UserId = null);

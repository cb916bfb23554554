namespace Cairn.Client.Contracts;

/// <summary>Body of <c>PATCH /api/v1/runs/{id}</c>.</summary>
public sealed record UpdateRunRequest(string? Status = null, long? EndTime = null, string? Name = null);

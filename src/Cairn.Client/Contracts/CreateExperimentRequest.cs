namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/experiments</c>.</summary>
public sealed record CreateExperimentRequest(string? Name, IReadOnlyDictionary<string, string>? Tags = null);

namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/projects</c>.</summary>
/// <param name="Name">Slug: 1–63 of a-z, 0-9, '.', '_', '-'.</param>
/// <param name="Description">Optional free text, at most 2000 characters.</param>
public sealed record CreateProjectRequest(string? Name, string? Description);

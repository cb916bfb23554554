namespace Cairn.Client.Contracts;

/// <summary>A project.</summary>
/// <param name="Name">Slug used in URLs.</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedAt">Creation time, ms since the epoch.</param>
/// <param name="CreatedBy">Creator's principal name.</param>
public sealed record ProjectDto(string Name, string Description, long CreatedAt, string CreatedBy);

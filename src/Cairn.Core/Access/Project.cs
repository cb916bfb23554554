namespace Cairn.Core.Access;

/// <summary>A project: the unit of isolation. Nothing of one project is visible from a key of another.</summary>
/// <param name="Id">Internal identifier.</param>
/// <param name="Name">Immutable slug used in URLs.</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedAt">Creation time, milliseconds since the Unix epoch.</param>
/// <param name="CreatedBy">Name of the principal that created it.</param>
public sealed record Project(long Id, string Name, string Description, long CreatedAt, string CreatedBy);

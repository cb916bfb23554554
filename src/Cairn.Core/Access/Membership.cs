namespace Cairn.Core.Access;

/// <summary>A principal's role in a project.</summary>
/// <param name="Project">Project name.</param>
/// <param name="Principal">Principal name.</param>
/// <param name="Role">The role.</param>
/// <param name="CreatedAt">When the membership was granted or last changed, ms since the epoch.</param>
public sealed record Membership(string Project, string Principal, ProjectRole Role, long CreatedAt);

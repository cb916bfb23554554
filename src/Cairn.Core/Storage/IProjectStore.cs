using Cairn.Core.Access;

namespace Cairn.Core.Storage;

/// <summary>Projects and their members.</summary>
public interface IProjectStore
{
    /// <summary>Creates a project and makes its creator an owner, atomically. Throws AlreadyExists on a duplicate name.</summary>
    Task<Project> CreateProjectAsync(string name, string description, Principal creator, long now, CancellationToken ct);

    /// <summary>Finds a project by name.</summary>
    Task<Project?> GetProjectAsync(string name, CancellationToken ct);

    /// <summary>Lists every project, by name.</summary>
    Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken ct);

    /// <summary>Grants or changes a role, creating the principal when it is new.</summary>
    Task<Membership> SetMemberAsync(Project project, string principal, ProjectRole role, long now, CancellationToken ct);

    /// <summary>Removes a member and revokes their keys in the project; false when they were not a member.</summary>
    Task<bool> RemoveMemberAsync(Project project, string principal, long now, CancellationToken ct);

    /// <summary>Lists a project's members.</summary>
    Task<IReadOnlyList<Membership>> ListMembersAsync(Project project, CancellationToken ct);

    /// <summary>The role of a principal in a project, or null.</summary>
    Task<ProjectRole?> GetRoleAsync(long projectId, long principalId, CancellationToken ct);
}

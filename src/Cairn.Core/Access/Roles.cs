using Cairn.Core.Errors;

namespace Cairn.Core.Access;

/// <summary>The fixed mapping from roles to the scopes they grant, and role names on the wire.</summary>
public static class Roles
{
    /// <summary>The valid role names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["viewer", "editor", "approver", "owner"];

    /// <summary>The scopes a role grants; a key never exceeds its holder's role.</summary>
    public static Scope Grants(ProjectRole role) => role switch
    {
        ProjectRole.Viewer => Scope.Read,
        ProjectRole.Editor => Scope.Read | Scope.Write,
        ProjectRole.Approver => Scope.Read | Scope.Write,
        ProjectRole.Owner => Scope.All,
        _ => Scope.None,
    };

    /// <summary>Whether the role may approve promotions of model versions.</summary>
    public static bool CanApprove(ProjectRole role) => role is ProjectRole.Approver or ProjectRole.Owner;

    /// <summary>The wire name of a role.</summary>
    public static string Format(ProjectRole role) => Names[(int)role];

    /// <summary>Parses a role name; an unknown name is an error naming <paramref name="field"/>.</summary>
    public static ProjectRole Parse(string? name, string field = "role")
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (ProjectRole)i;
            }
        }

        throw CairnException.Invalid(field, $"'{name}' is not a role; valid roles are {string.Join(", ", Names)}");
    }
}

namespace Cairn.Core.Access;

/// <summary>What an API key may do. A key's effective rights are its scopes intersected with its holder's role.</summary>
[Flags]
public enum Scope
{
    /// <summary>No rights.</summary>
    None = 0,

    /// <summary>Read anything in the project.</summary>
    Read = 1,

    /// <summary>Create and change tracking, registry and evaluation objects.</summary>
    Write = 2,

    /// <summary>Create and change deployments.</summary>
    Deploy = 4,

    /// <summary>Manage the project: members, keys, policies, audit.</summary>
    Admin = 8,

    /// <summary>Turn pseudonymization tokens back into the personal data they stand for (held only by keys created with it).</summary>
    Deanonymize = 16,

    /// <summary>Every scope.</summary>
    All = Read | Write | Deploy | Admin | Deanonymize,
}

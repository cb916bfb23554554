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

    /// <summary>Turn pseudonymization tokens back into the personal data they stand for: no other scope implies it; a key holds it when created with it by name (and the first administrator key, which holds every scope).</summary>
    Deanonymize = 16,

    /// <summary>Every scope.</summary>
    All = Read | Write | Deploy | Admin | Deanonymize,
}

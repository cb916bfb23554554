namespace Cairn.Core.Errors;

/// <summary>The category of a domain error; each surface maps it to its own status code.</summary>
public enum ErrorKind
{
    /// <summary>The input breaks a rule; the message names the field and the rule.</summary>
    Invalid,

    /// <summary>The named resource does not exist (or is not visible to the caller).</summary>
    NotFound,

    /// <summary>A resource with that identity already exists.</summary>
    AlreadyExists,

    /// <summary>The request conflicts with the current state of the resource.</summary>
    Conflict,

    /// <summary>The caller is known but lacks the scope or role.</summary>
    Forbidden,

    /// <summary>A dependency (the database, the native runtime) is unavailable.</summary>
    Unavailable,

    /// <summary>The input is well formed but fails a check of its content (a signature that does not verify).</summary>
    Unprocessable,

    /// <summary>Too many requests are waiting (429, with Retry-After).</summary>
    Overloaded,

    /// <summary>The work did not finish in the time allowed (504).</summary>
    TimedOut,
}

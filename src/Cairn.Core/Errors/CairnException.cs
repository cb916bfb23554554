namespace Cairn.Core.Errors;

/// <summary>A deterministic domain error. Never becomes a 5xx unless its kind is <see cref="ErrorKind.Unavailable"/>.</summary>
public sealed class CairnException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public CairnException(ErrorKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>The category of the error.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The request field at fault, when there is one.</summary>
    public string? Field { get; }

    /// <summary>An invalid field: the message says which rule it broke.</summary>
    public static CairnException Invalid(string field, string rule) => new(ErrorKind.Invalid, $"{field}: {rule}", field);

    /// <summary>A missing resource, e.g. <c>NotFound("project", "alpha")</c>.</summary>
    public static CairnException NotFound(string what, string name) => new(ErrorKind.NotFound, $"{what} '{name}' does not exist");

    /// <summary>A duplicate resource.</summary>
    public static CairnException AlreadyExists(string what, string name) => new(ErrorKind.AlreadyExists, $"{what} '{name}' already exists");

    /// <summary>The caller lacks a permission.</summary>
    public static CairnException Forbidden(string message) => new(ErrorKind.Forbidden, message);

    /// <summary>A state conflict.</summary>
    public static CairnException Conflict(string message) => new(ErrorKind.Conflict, message);
}

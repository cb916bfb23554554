namespace Cairn.Core.Audit;

/// <summary>The outcome names written to the audit log.</summary>
public static class AuditOutcome
{
    /// <summary>The action took effect.</summary>
    public const string Success = "success";

    /// <summary>The caller was not allowed.</summary>
    public const string Denied = "denied";

    /// <summary>The action was refused or failed.</summary>
    public const string Failure = "failure";

    /// <summary>Maps an HTTP status to an outcome.</summary>
    public static string FromStatus(int status) => status switch
    {
        < 400 => Success,
        401 or 403 => Denied,
        _ => Failure,
    };
}

namespace Cairn.Server.Http;

/// <summary>Lets a handler name its request's audit action and add facts (e.g. the id of the key it created).</summary>
public static class AuditDetail
{
    internal static readonly object DetailKey = new();
    internal static readonly object ActionKey = new();

    /// <summary>Sets the detail text of this request's audit event.</summary>
    public static void SetAuditDetail(this HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[DetailKey] = detail;
    }

    /// <summary>Names the action of this request's audit event (UI form posts, where the route does not say it).</summary>
    public static void SetAuditAction(this HttpContext context, string action, string? project = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ActionKey] = (action, project);
    }
}

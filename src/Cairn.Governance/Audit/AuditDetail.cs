using Microsoft.AspNetCore.Http;

namespace Cairn.Governance.Audit;

/// <summary>Lets a handler name its request's audit action and add facts (e.g. the id of the key it created).</summary>
public static class AuditDetail
{
    private static readonly object DetailKey = new();
    private static readonly object ActionKey = new();

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

    /// <summary>The detail a handler set, or empty.</summary>
    public static string GetAuditDetail(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(DetailKey, out var d) ? d as string ?? string.Empty : string.Empty;
    }

    /// <summary>The action and project a handler named, or nulls.</summary>
    public static (string? Action, string? Project) GetAuditAction(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ActionKey, out var n) && n is ValueTuple<string, string?> t ? (t.Item1, t.Item2) : (null, null);
    }
}

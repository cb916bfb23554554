using Cairn.Core.Access;

using Microsoft.AspNetCore.Http;

namespace Cairn.Governance.Access;

/// <summary>Where the authenticated caller of a request is kept.</summary>
public static class CallerAccessor
{
    private static readonly object Key = new();

    /// <summary>Stores the caller on the request.</summary>
    public static void SetCaller(this HttpContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = caller;
    }

    /// <summary>The caller, or null for anonymous requests.</summary>
    public static Caller? FindCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var value) ? value as Caller : null;
    }

    /// <summary>The caller of an endpoint that requires authorization.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.FindCaller() ?? throw new InvalidOperationException("The endpoint was reached without an authenticated caller");
}

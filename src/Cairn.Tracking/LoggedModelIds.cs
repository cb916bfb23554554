using System.Text.RegularExpressions;
using Cairn.Core.Errors;

namespace Cairn.Tracking;

/// <summary>Logged model ids: <c>m-</c> and 32 lowercase hex characters, as MLflow makes them.</summary>
public static partial class LoggedModelIds
{
    public static string New() => "m-" + Guid.NewGuid().ToString("N");

    /// <summary>The id when well formed; Invalid naming <paramref name="field"/> otherwise.</summary>
    public static string Check(string? id, string field = "model_id") =>
        string.IsNullOrEmpty(id) ? throw TrackingValidation.Missing(field)
        : Pattern().IsMatch(id) ? id
        : throw CairnException.Invalid(field, $"Invalid logged model ID '{id}': expected 'm-' followed by 32 lowercase hex characters.");

    [GeneratedRegex("^m-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

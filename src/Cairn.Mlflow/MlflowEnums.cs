using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Core.Tracking;

namespace Cairn.Mlflow;

/// <summary>MLflow enums arrive as names or numbers.</summary>
public static class MlflowEnums
{
    private static readonly string[] ViewTypes = ["", "ACTIVE_ONLY", "DELETED_ONLY", "ALL"];
    private static readonly string[] Statuses = ["", RunStatus.Running, RunStatus.Scheduled, RunStatus.Finished, RunStatus.Failed, RunStatus.Killed];

    public static ViewType ViewType(JsonElement? value, string field) => Name(value, field, ViewTypes) switch
    {
        null or "ACTIVE_ONLY" => Core.Tracking.ViewType.ActiveOnly,
        "DELETED_ONLY" => Core.Tracking.ViewType.DeletedOnly,
        _ => Core.Tracking.ViewType.All,
    };

    public static ViewType ViewType(string? value, string field) =>
        ViewType(value is null ? null : JsonSerializer.SerializeToElement(value), field);

    public static string? Status(JsonElement? value) => Name(value, "status", Statuses);

    /// <summary>A logged model's status, by name or by its proto number.</summary>
    public static string? LoggedModelStatus(JsonElement? value) =>
        Name(value, "status", ["", Core.Tracking.LoggedModelStatus.Pending, Core.Tracking.LoggedModelStatus.Ready, Core.Tracking.LoggedModelStatus.UploadFailed]);

    private static string? Name(JsonElement? value, string field, string[] names)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0 && n < names.Length)
        {
            return names[n];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!.ToUpperInvariant();
            if (int.TryParse(s, out var ns) && ns > 0 && ns < names.Length)
            {
                return names[ns];
            }

            if (names.Contains(s) && s.Length > 0)
            {
                return s;
            }
        }

        throw CairnException.Invalid(field, $"Invalid value {v.GetRawText()} for parameter '{field}' supplied; valid values are {string.Join(", ", names.Skip(1))}");
    }
}

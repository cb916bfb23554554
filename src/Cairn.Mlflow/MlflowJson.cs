using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Mlflow;

/// <summary>
/// MLflow's JSON: snake_case, int64 as numbers (numeric strings accepted on input), NaN and
/// infinities as "NaN", "Infinity", "-Infinity", unset fields omitted.
/// </summary>
public static class MlflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // Served only as application/json, never into HTML: keep quotes in messages readable as MLflow does.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The list, or null when empty (MLflow omits empty repeated fields).</summary>
    public static IReadOnlyList<T>? NonEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }
}

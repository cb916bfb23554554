using System.Text.Json;

namespace Cairn.Client;

/// <summary>The JSON settings of Cairn's native API: snake_case names.</summary>
public static class CairnJson
{
    /// <summary>Options for reading and writing Cairn's wire format.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

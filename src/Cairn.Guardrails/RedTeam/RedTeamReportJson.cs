using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cairn.Guardrails.RedTeam;

/// <summary>The report's JSON form: snake_case names, indented, times in ISO 8601 UTC.</summary>
public static class RedTeamReportJson
{
    /// <summary>The serializer options of the report file (and of the upload body).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Replies in any language stay readable in the file; the file is data, never inlined into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as JSON.</summary>
    public static string Serialize(RedTeamReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    public static RedTeamReport? Deserialize(string json) => JsonSerializer.Deserialize<RedTeamReport>(json, Options);
}

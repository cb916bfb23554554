using System.Text;
using System.Text.Json;

namespace Cairn.Client;

/// <summary>Guardrails (<c>/api/v1/guardrails</c>).</summary>
public sealed partial class CairnClient
{
    /// <summary>Stores a route's guardrail policy (YAML); the answer holds its route and version.</summary>
    public Task<JsonDocument> PutGuardrailPolicyAsync(string route, string yaml, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Put, $"api/v1/guardrails/policies/{Uri.EscapeDataString(route)}", new StringContent(yaml, Encoding.UTF8, "application/yaml"), ct);

    /// <summary>A route's guardrail policy with its YAML.</summary>
    public Task<JsonDocument> GetGuardrailPolicyAsync(string route, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Get, $"api/v1/guardrails/policies/{Uri.EscapeDataString(route)}", null, ct);

    /// <summary>The project's guardrail policies (route, version, who changed them and when).</summary>
    public Task<JsonDocument> ListGuardrailPoliciesAsync(CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Get, "api/v1/guardrails/policies", null, ct);

    /// <summary>Runs a route's policy (stage <c>input</c> or <c>output</c>) over a text.</summary>
    public Task<JsonDocument> CheckGuardrailsAsync(string route, string stage, string text, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, "api/v1/guardrails/check", new StringContent(JsonSerializer.Serialize(new { route, stage, text }), Encoding.UTF8, "application/json"), ct);

    /// <summary>Stores a red-team report (the JSON <c>cairn redteam run</c> writes) on the server; the answer holds its <c>id</c>.</summary>
    public Task<JsonDocument> UploadRedTeamReportAsync(string reportJson, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, "api/v1/guardrails/redteam/reports", new StringContent(reportJson, Encoding.UTF8, "application/json"), ct);
}

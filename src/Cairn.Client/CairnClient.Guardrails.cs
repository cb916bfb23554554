using System.Text;
using System.Text.Json;

namespace Cairn.Client;

/// <summary>Guardrails (<c>/api/v1/guardrails</c>).</summary>
public sealed partial class CairnClient
{
    /// <summary>Stores a red-team report (the JSON <c>cairn redteam run</c> writes) on the server; the answer holds its <c>id</c>.</summary>
    public Task<JsonDocument> UploadRedTeamReportAsync(string reportJson, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, "api/v1/guardrails/redteam/reports", new StringContent(reportJson, Encoding.UTF8, "application/json"), ct);
}

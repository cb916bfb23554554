namespace Cairn.Core.Guardrails;

/// <summary>A project's guardrail policy for one route, as stored: the YAML and its version.</summary>
/// <param name="Route">The route it governs (<c>default</c> applies where a route has none of its own).</param>
/// <param name="Version">1 for the first, one more at each change.</param>
/// <param name="Yaml">The policy text, as the editor wrote it.</param>
/// <param name="UpdatedBy">Who changed it last.</param>
/// <param name="UpdatedAt">When, in Unix milliseconds.</param>
public sealed record StoredPolicy(string Route, long Version, string Yaml, string UpdatedBy, long UpdatedAt);

/// <summary>A pseudonymization token and the value it stands for, protected.</summary>
/// <param name="Token">The token as it appears in text, e.g. <c>&lt;EMAIL_ADDRESS_k3f9q2m7xa&gt;</c>.</param>
/// <param name="Entity">The entity type.</param>
/// <param name="ProtectedValue">The value, encrypted and authenticated by the server's data-protection keys.</param>
public sealed record VaultEntry(string Token, string Entity, string ProtectedValue);

/// <summary>A red-team report as uploaded: its summary and the whole report (JSON).</summary>
/// <param name="Id">The report's id.</param>
/// <param name="Target">The URL attacked.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Attempted">Attacks sent.</param>
/// <param name="Succeeded">Attacks that succeeded.</param>
/// <param name="Report">The report JSON.</param>
/// <param name="CreatedBy">Who uploaded it.</param>
/// <param name="CreatedAt">When, in Unix milliseconds.</param>
public sealed record RedTeamRecord(string Id, string Target, string Model, long Attempted, long Succeeded, string Report, string CreatedBy, long CreatedAt);

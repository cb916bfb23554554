namespace Cairn.Governance.Access;

/// <summary>What a caller asks for when creating a key.</summary>
/// <param name="Name">A label (required).</param>
/// <param name="Scopes">Scope names.</param>
/// <param name="Principal">The holder, a member of the project; the caller when omitted.</param>
/// <param name="ExpiresInDays">Lifetime in days, or null for no expiry.</param>
public sealed record KeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Principal, int? ExpiresInDays);

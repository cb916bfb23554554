namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/projects/{project}/keys</c>.</summary>
/// <param name="Name">Label (required).</param>
/// <param name="Scopes">One or more of read, write, deploy, admin, deanonymize.</param>
/// <param name="Principal">Holder, a member of the project; the caller when omitted.</param>
/// <param name="ExpiresInDays">Lifetime in days (1–3650), or null for none.</param>
public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Principal = null, int? ExpiresInDays = null);

namespace Cairn.Client.Contracts;

/// <summary>Who the caller is.</summary>
/// <param name="Principal">Holder of the key.</param>
/// <param name="Project">The key's project.</param>
/// <param name="Role">The holder's role there.</param>
/// <param name="IsAdmin">Whether the holder administers the instance.</param>
/// <param name="KeyPrefix">The key's prefix.</param>
/// <param name="KeyScopes">Scopes on the key.</param>
/// <param name="EffectiveScopes">Scopes in force (key within role).</param>
public sealed record MeDto(
    string Principal, string Project, string Role, bool IsAdmin, string KeyPrefix, IReadOnlyList<string> KeyScopes, IReadOnlyList<string> EffectiveScopes);

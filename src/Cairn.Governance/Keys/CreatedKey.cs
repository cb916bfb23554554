using Cairn.Core.Access;

namespace Cairn.Governance.Keys;

/// <summary>A key just created: the only moment its secret is known.</summary>
/// <param name="Info">The stored metadata.</param>
/// <param name="Secret">The secret, shown once.</param>
public sealed record CreatedKey(ApiKeyInfo Info, string Secret);

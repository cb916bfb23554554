namespace Cairn.Client.Contracts;

/// <summary>A key just created, with its secret: the only time the secret is shown.</summary>
/// <param name="Key">The metadata.</param>
/// <param name="Secret">The secret to send as a bearer token.</param>
public sealed record CreatedKeyDto(KeyDto Key, string Secret);

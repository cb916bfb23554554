namespace Cairn.Core.Storage;

/// <summary>A stored blob: lowercase hex SHA-256 and size in bytes.</summary>
/// <param name="Sha256">Digest of the content.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record BlobRef(string Sha256, long Size);

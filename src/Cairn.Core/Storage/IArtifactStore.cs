namespace Cairn.Core.Storage;

/// <summary>Content-addressed blobs: written once, named by the SHA-256 of their bytes.</summary>
public interface IArtifactStore
{
    /// <summary>Streams content into the store and returns its digest and size. Identical content is stored once.</summary>
    Task<BlobRef> PutAsync(Stream content, long? maxBytes, CancellationToken ct);

    /// <summary>Opens a blob for reading, or returns null when absent.</summary>
    Stream? OpenRead(string sha256);

    /// <summary>Whether a blob exists.</summary>
    bool Exists(string sha256);

    /// <summary>Deletes a blob; false when absent.</summary>
    bool Delete(string sha256);
}

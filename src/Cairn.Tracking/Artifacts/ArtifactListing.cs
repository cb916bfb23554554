namespace Cairn.Tracking.Artifacts;

/// <summary>One entry of a directory listing.</summary>
/// <param name="Path">Path as the caller asked for it (a basename for the proxy, run-relative for artifacts/list).</param>
/// <param name="IsDir">Whether it is a directory.</param>
/// <param name="Size">Bytes, for files.</param>
public sealed record ArtifactListing(string Path, bool IsDir, long? Size);

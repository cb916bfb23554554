namespace Cairn.Core.Tracking;

/// <summary>A file in a run's artifact tree.</summary>
/// <param name="Path">Normalised path relative to the run's artifact root.</param>
/// <param name="Sha256">Digest of the content blob.</param>
/// <param name="Size">Bytes.</param>
public sealed record ArtifactEntry(string Path, string Sha256, long Size);

namespace Cairn.Client.Contracts;

/// <summary>An entry of a run's artifact tree.</summary>
public sealed record ArtifactFileDto(string Path, bool IsDir, long? Size);

namespace Cairn.Client.Contracts;

/// <summary>An experiment of the key's project.</summary>
public sealed record ExperimentDto(long Id, string Name, string ArtifactLocation, string LifecycleStage, long CreationTime, long LastUpdateTime, IReadOnlyDictionary<string, string> Tags);

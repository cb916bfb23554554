namespace Cairn.Tracking.Artifacts;

/// <summary>Artifact upload limits. Bound from <c>Cairn:Artifacts</c>.</summary>
public sealed class ArtifactOptions
{
    public const string Section = "Cairn:Artifacts";

    /// <summary>The largest single artifact accepted, in bytes (default 5 GiB).</summary>
    public long MaxArtifactBytes { get; set; } = 5L << 30;
}

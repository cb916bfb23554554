using Cairn.Core.Tracking;

namespace Cairn.Core.Registry;

/// <summary>
/// One immutable version of a registered model: its files are a manifest of content-addressed blobs
/// fixed at registration, summarised by <see cref="Digest"/>.
/// </summary>
/// <param name="Name">Registered model name.</param>
/// <param name="Version">1, 2, … per model.</param>
/// <param name="Source">Where the files came from, as the client named it (<c>runs:/…</c>, <c>mlflow-artifacts:/…</c>, <c>models:/m-…</c>).</param>
/// <param name="RunId">The run that produced it, or null.</param>
/// <param name="LoggedModelId">The MLflow 3.x logged model it was registered from, or null.</param>
/// <param name="Description">Free text.</param>
/// <param name="Author">Who registered it.</param>
/// <param name="Stage">MLflow's legacy stage: None, Staging, Production or Archived.</param>
/// <param name="Status">READY once registered.</param>
/// <param name="Digest">SHA-256 over the manifest (see <see cref="ModelManifest"/>).</param>
/// <param name="CreationTime">ms since the epoch.</param>
/// <param name="LastUpdatedTime">ms since the epoch.</param>
/// <param name="Tags">Mutable tags.</param>
/// <param name="Aliases">Aliases pointing here.</param>
public sealed record ModelVersion(
    string Name, long Version, string Source, string? RunId, string? LoggedModelId, string Description, string Author, string Stage, string Status,
    string Digest, long CreationTime, long LastUpdatedTime, IReadOnlyList<KeyValue> Tags, IReadOnlyList<string> Aliases);

/// <summary>One file of a version: path inside the version, blob digest, size.</summary>
/// <param name="Path">Normalised relative path.</param>
/// <param name="Sha256">Lowercase hex digest of the content.</param>
/// <param name="Size">Bytes.</param>
public sealed record ModelFile(string Path, string Sha256, long Size);

/// <summary>MLflow's legacy version stages.</summary>
public static class ModelStages
{
    /// <summary>The stages, as MLflow spells them.</summary>
    public static readonly IReadOnlyList<string> All = ["None", "Staging", "Production", "Archived"];
}

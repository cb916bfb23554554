namespace Cairn.Core.Tracking;

/// <summary>What owns an artifact tree: a run (<c>&lt;exp&gt;/&lt;run&gt;/artifacts</c>) or a logged model (<c>&lt;exp&gt;/models/&lt;id&gt;/artifacts</c>).</summary>
/// <param name="IsModel">True for a logged model's tree.</param>
/// <param name="Id">The run id or model id.</param>
public readonly record struct ArtifactOwner(bool IsModel, string Id)
{
    /// <summary>A run's tree.</summary>
    public static ArtifactOwner Run(string runId) => new(false, runId);

    /// <summary>A logged model's tree.</summary>
    public static ArtifactOwner Model(string modelId) => new(true, modelId);

    /// <inheritdoc/>
    public override string ToString() => (IsModel ? "logged model " : "run ") + Id;
}

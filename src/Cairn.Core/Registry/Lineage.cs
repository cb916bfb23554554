namespace Cairn.Core.Registry;

/// <summary>Kinds of lineage nodes, upstream to downstream: dataset → run → model version → deployment.</summary>
public static class LineageKinds
{
    /// <summary>A dataset logged as a run input; id is the dataset's id.</summary>
    public const string Dataset = "dataset";

    /// <summary>A tracking run; id is the run id.</summary>
    public const string Run = "run";

    /// <summary>A model version; id is <c>name/version</c> on the wire.</summary>
    public const string ModelVersion = "model_version";

    /// <summary>A deployment serving a version; id is the deployment name.</summary>
    public const string Deployment = "deployment";

    /// <summary>Every kind.</summary>
    public static readonly IReadOnlyList<string> All = [Dataset, Run, ModelVersion, Deployment];
}

/// <summary>A stored edge between nodes that no other table records (a deployment of a version, an evaluation run of a version).</summary>
/// <param name="FromKind">Upstream kind.</param>
/// <param name="FromId">Upstream id (a version is its internal model id and number, <c>&lt;model id&gt;/&lt;n&gt;</c>).</param>
/// <param name="Relation">What the edge means: <c>deployed_as</c>, <c>evaluated_by</c>.</param>
/// <param name="ToKind">Downstream kind.</param>
/// <param name="ToId">Downstream id.</param>
/// <param name="CreatedAt">ms since the epoch.</param>
public sealed record LineageEdge(string FromKind, string FromId, string Relation, string ToKind, string ToId, long CreatedAt);

/// <summary>A dataset as lineage sees it.</summary>
/// <param name="Id">Internal id.</param>
/// <param name="Name">Name.</param>
/// <param name="Digest">Content digest as logged.</param>
/// <param name="SourceType">e.g. <c>local</c>, <c>s3</c>.</param>
/// <param name="Source">Where it came from.</param>
public sealed record LineageDataset(string Id, string Name, string Digest, string SourceType, string Source);

/// <summary>What a stored edge from a version means.</summary>
public static class LineageRelations
{
    /// <summary>Version → deployment serving it.</summary>
    public const string DeployedAs = "deployed_as";

    /// <summary>Version → run that evaluated it (its metrics feed the evaluation gate).</summary>
    public const string EvaluatedBy = "evaluated_by";

    /// <summary>Dataset → run that took it as input.</summary>
    public const string Input = "input";

    /// <summary>Run → version registered from it.</summary>
    public const string Produced = "produced";
}

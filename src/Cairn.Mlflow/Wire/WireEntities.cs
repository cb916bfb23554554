using Cairn.Core.Tracking;

namespace Cairn.Mlflow.Wire;

#pragma warning disable SA1402, CA1812 // wire records of one API are kept together; instantiated by the JSON serializer

/// <summary>MLflow's <c>KeyValue</c> (params, tags).</summary>
public sealed record WireKeyValue(string? Key, string? Value);

/// <summary>MLflow's <c>Metric</c>.</summary>
public sealed record WireMetric(string? Key, double? Value, long? Timestamp, long? Step);

/// <summary>MLflow's <c>Experiment</c>.</summary>
public sealed record WireExperiment(
    string ExperimentId, string Name, string ArtifactLocation, string LifecycleStage, long? LastUpdateTime, long? CreationTime, IReadOnlyList<WireKeyValue>? Tags)
{
    public static WireExperiment From(Experiment e) => new(
        e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Name, e.ArtifactLocation, e.LifecycleStage,
        e.LastUpdateTime == 0 ? null : e.LastUpdateTime, e.CreationTime == 0 ? null : e.CreationTime,
        MlflowJson.NonEmpty(e.Tags.Select(t => new WireKeyValue(t.Key, t.Value))));
}

/// <summary>MLflow's <c>RunInfo</c>: <c>run_id</c> and the deprecated <c>run_uuid</c> always both.</summary>
public sealed record WireRunInfo(
    string RunUuid, string ExperimentId, string? RunName, string UserId, string Status, long StartTime, long? EndTime, string? ArtifactUri, string LifecycleStage, string RunId)
{
    public static WireRunInfo From(RunInfo i) => new(
        i.RunId, i.ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), i.RunName, i.UserId, i.Status, i.StartTime,
        i.EndTime is null or 0 ? null : i.EndTime, i.ArtifactUri.Length == 0 ? null : i.ArtifactUri, i.LifecycleStage, i.RunId);
}

/// <summary>MLflow's <c>RunData</c>.</summary>
public sealed record WireRunData(IReadOnlyList<WireMetric>? Metrics, IReadOnlyList<WireKeyValue>? Params, IReadOnlyList<WireKeyValue>? Tags);

/// <summary>An empty message (<c>{}</c>): run outputs until logged models arrive.</summary>
public sealed record WireEmpty;

/// <summary>MLflow's <c>Dataset</c>; schema and profile only when non-empty.</summary>
public sealed record WireDataset(string? Name, string? Digest, string? SourceType, string? Source, string? Schema, string? Profile);

/// <summary>MLflow's <c>DatasetInput</c>.</summary>
public sealed record WireDatasetInput(IReadOnlyList<WireKeyValue>? Tags, WireDataset? Dataset);

/// <summary>MLflow's <c>RunInputs</c>.</summary>
public sealed record WireRunInputs(IReadOnlyList<WireDatasetInput>? DatasetInputs);

/// <summary>MLflow's <c>Run</c>. <c>outputs</c> appears on get and search (MLflow 3.x), not on create.</summary>
public sealed record WireRun(WireRunInfo Info, WireRunData Data, WireRunInputs Inputs, WireEmpty? Outputs)
{
    public static WireRun From(Run r, bool withOutputs = true) => new(
        WireRunInfo.From(r.Info),
        new WireRunData(
            MlflowJson.NonEmpty(r.Metrics.Select(m => new WireMetric(m.Key, m.Value, m.Timestamp, m.Step))),
            MlflowJson.NonEmpty(r.Params.Select(p => new WireKeyValue(p.Key, p.Value))),
            MlflowJson.NonEmpty(r.Tags.Select(t => new WireKeyValue(t.Key, t.Value)))),
        new WireRunInputs(MlflowJson.NonEmpty(r.Inputs.Select(i => new WireDatasetInput(
            MlflowJson.NonEmpty(i.Tags.Select(t => new WireKeyValue(t.Key, t.Value))),
            new WireDataset(i.Dataset.Name, i.Dataset.Digest, i.Dataset.SourceType, i.Dataset.Source, Blank(i.Dataset.Schema), Blank(i.Dataset.Profile)))))),
        withOutputs ? new WireEmpty() : null);

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}

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

/// <summary>MLflow's <c>ModelOutput</c> (a run produced a logged model at a step) and <c>ModelInput</c> (step unset).</summary>
public sealed record WireModelRef(string? ModelId, long? Step);

/// <summary>MLflow's <c>RunOutputs</c>.</summary>
public sealed record WireRunOutputs(IReadOnlyList<WireModelRef>? ModelOutputs);

/// <summary>MLflow's <c>Dataset</c>; schema and profile only when non-empty.</summary>
public sealed record WireDataset(string? Name, string? Digest, string? SourceType, string? Source, string? Schema, string? Profile);

/// <summary>MLflow's <c>DatasetInput</c>.</summary>
public sealed record WireDatasetInput(IReadOnlyList<WireKeyValue>? Tags, WireDataset? Dataset);

/// <summary>MLflow's <c>RunInputs</c>.</summary>
public sealed record WireRunInputs(IReadOnlyList<WireDatasetInput>? DatasetInputs, IReadOnlyList<WireModelRef>? ModelInputs = null);

/// <summary>MLflow's <c>Run</c>. <c>outputs</c> appears on get and search (MLflow 3.x), not on create.</summary>
public sealed record WireRun(WireRunInfo Info, WireRunData Data, WireRunInputs Inputs, WireRunOutputs? Outputs)
{
    /// <summary>A run with the logged models it produced and consumed (get-run).</summary>
    public static WireRun From(Run r, IReadOnlyList<RunModel> outputs, IReadOnlyList<RunModel> inputs)
    {
        var run = From(r);
        return run with
        {
            Inputs = run.Inputs with { ModelInputs = MlflowJson.NonEmpty(inputs.Select(m => new WireModelRef(m.ModelId, null))) },
            Outputs = new WireRunOutputs(MlflowJson.NonEmpty(outputs.Select(m => new WireModelRef(m.ModelId, m.Step)))),
        };
    }

    public static WireRun From(Run r, bool withOutputs = true) => new(
        WireRunInfo.From(r.Info),
        new WireRunData(
            MlflowJson.NonEmpty(r.Metrics.Select(m => new WireMetric(m.Key, m.Value, m.Timestamp, m.Step))),
            MlflowJson.NonEmpty(r.Params.Select(p => new WireKeyValue(p.Key, p.Value))),
            MlflowJson.NonEmpty(r.Tags.Select(t => new WireKeyValue(t.Key, t.Value)))),
        new WireRunInputs(MlflowJson.NonEmpty(r.Inputs.Select(i => new WireDatasetInput(
            MlflowJson.NonEmpty(i.Tags.Select(t => new WireKeyValue(t.Key, t.Value))),
            new WireDataset(i.Dataset.Name, i.Dataset.Digest, i.Dataset.SourceType, i.Dataset.Source, Blank(i.Dataset.Schema), Blank(i.Dataset.Profile)))))),
        withOutputs ? new WireRunOutputs(null) : null);

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}

/// <summary>MLflow's <c>LoggedModelInfo</c>.</summary>
public sealed record WireLoggedModelInfo(
    string ModelId, string ExperimentId, string Name, long CreationTimestampMs, long LastUpdatedTimestampMs, string ArtifactUri, string Status,
    string? ModelType, string? SourceRunId, string? StatusMessage, IReadOnlyList<WireKeyValue>? Tags);

/// <summary>MLflow's <c>LoggedModelData</c>: params, and metrics (none recorded per model by Cairn yet).</summary>
public sealed record WireLoggedModelData(IReadOnlyList<WireKeyValue>? Params, IReadOnlyList<WireMetric>? Metrics);

/// <summary>MLflow's <c>LoggedModel</c>.</summary>
public sealed record WireLoggedModel(WireLoggedModelInfo Info, WireLoggedModelData Data)
{
    public static WireLoggedModel From(LoggedModel m) => new(
        new WireLoggedModelInfo(
            m.ModelId, m.ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Name, m.CreationTime, m.LastUpdatedTime, m.ArtifactUri, m.Status,
            m.ModelType, m.SourceRunId, m.StatusMessage, MlflowJson.NonEmpty(m.Tags.Select(t => new WireKeyValue(t.Key, t.Value)))),
        new WireLoggedModelData(MlflowJson.NonEmpty(m.Params.Select(p => new WireKeyValue(p.Key, p.Value))), null));
}

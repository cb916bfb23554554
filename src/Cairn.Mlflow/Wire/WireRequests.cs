using System.Text.Json;

namespace Cairn.Mlflow.Wire;

#pragma warning disable SA1402, CA1812 // request records of one API are kept together; instantiated by the JSON serializer

public sealed record CreateExperimentBody(string? Name, string? ArtifactLocation, IReadOnlyList<WireKeyValue>? Tags);

public sealed record ExperimentIdBody(string? ExperimentId);

public sealed record UpdateExperimentBody(string? ExperimentId, string? NewName);

public sealed record ExperimentTagBody(string? ExperimentId, string? Key, string? Value);

public sealed record SearchExperimentsBody(int? MaxResults, string? PageToken, string? Filter, IReadOnlyList<string>? OrderBy, JsonElement? ViewType);

public sealed record CreateRunBody(string? ExperimentId, string? UserId, string? RunName, long? StartTime, IReadOnlyList<WireKeyValue>? Tags);

public sealed record UpdateRunBody(string? RunId, string? RunUuid, JsonElement? Status, long? EndTime, string? RunName);

public sealed record RunIdBody(string? RunId);

public sealed record LogMetricBody(string? RunId, string? RunUuid, string? Key, double? Value, long? Timestamp, long? Step);

public sealed record KeyValueBody(string? RunId, string? RunUuid, string? Key, string? Value);

public sealed record LogBatchBody(string? RunId, IReadOnlyList<WireMetric>? Metrics, IReadOnlyList<WireKeyValue>? Params, IReadOnlyList<WireKeyValue>? Tags);

public sealed record SearchRunsBody(
    IReadOnlyList<string>? ExperimentIds, string? Filter, JsonElement? RunViewType, int? MaxResults, IReadOnlyList<string>? OrderBy, string? PageToken);

public sealed record LogInputsBody(string? RunId, IReadOnlyList<WireDatasetInput>? Datasets, IReadOnlyList<WireModelRef>? Models);

public sealed record LogOutputsBody(string? RunId, IReadOnlyList<WireModelRef>? Models);

public sealed record CreateLoggedModelBody(
    string? ExperimentId, string? Name, string? ModelType, string? SourceRunId, IReadOnlyList<WireKeyValue>? Params, IReadOnlyList<WireKeyValue>? Tags);

public sealed record FinalizeLoggedModelBody(string? ModelId, JsonElement? Status);

public sealed record LoggedModelTagsBody(IReadOnlyList<WireKeyValue>? Tags);

public sealed record LoggedModelParamsBody(IReadOnlyList<WireKeyValue>? Params);

public sealed record LoggedModelOrderBy(string? FieldName, bool? Ascending, string? DatasetName, string? DatasetDigest);

public sealed record SearchLoggedModelsBody(
    IReadOnlyList<string>? ExperimentIds, string? Filter, IReadOnlyList<JsonElement>? Datasets, int? MaxResults, IReadOnlyList<LoggedModelOrderBy>? OrderBy, string? PageToken);

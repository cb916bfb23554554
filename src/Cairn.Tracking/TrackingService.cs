using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;

namespace Cairn.Tracking;

/// <summary>
/// Experiment tracking within one project, with MLflow's validation order: request fields, then
/// values (keys, lengths, batch limits), then existence (404), then state (400 for a deleted run).
/// </summary>
public sealed partial class TrackingService(ITrackingStore store, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Parses an experiment id; <paramref name="emptyIsDefault"/> makes a missing id mean experiment 0.</summary>
    public static long ExperimentId(string? id, string field = "experiment_id", bool emptyIsDefault = false)
    {
        if (string.IsNullOrEmpty(id))
        {
            return emptyIsDefault ? 0 : throw TrackingValidation.Missing(field);
        }

        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw CairnException.Invalid(field, $"Invalid experiment ID '{id}'. Experiment ID must be a valid integer.");
    }

    /// <summary>Checks a run id's shape (MLflow's <c>^[a-zA-Z0-9][\w\-]{0,255}$</c>).</summary>
    public static string RunId(string? id, string field = "run_id") =>
        string.IsNullOrEmpty(id) ? throw TrackingValidation.Missing(field)
        : RunIdPattern().IsMatch(id) ? id
        : throw CairnException.Invalid(field, $"Invalid value \"{id}\" for parameter '{field}' supplied.");

    public async Task<Experiment> CreateExperimentAsync(long project, string? name, string? artifactLocation, IReadOnlyList<KeyValue>? tags, CancellationToken ct)
    {
        var checkedName = ExperimentName(name, "name");
        var location = string.IsNullOrEmpty(artifactLocation) ? null : ArtifactLocation(artifactLocation);
        var checkedTags = (tags ?? []).Select((t, i) => ExperimentTag(t, $"tags[{i}].")).ToList();
        await store.EnsureDefaultExperimentAsync(project, Now, ct).ConfigureAwait(false);
        try
        {
            return await store.CreateExperimentAsync(project, checkedName, location, checkedTags, Now, ct).ConfigureAwait(false);
        }
        catch (CairnException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
            throw new CairnException(ErrorKind.AlreadyExists, $"Experiment(name={checkedName}) already exists.");
        }
    }

    public async Task<Experiment> GetExperimentAsync(long project, string? id, CancellationToken ct)
    {
        var number = ExperimentId(id);
        if (number == 0)
        {
            await store.EnsureDefaultExperimentAsync(project, Now, ct).ConfigureAwait(false);
        }

        return await store.GetExperimentAsync(project, number, ct).ConfigureAwait(false) ?? throw ExperimentNotFound(number);
    }

    public async Task<Experiment> GetExperimentByNameAsync(long project, string? name, CancellationToken ct)
    {
        name = TrackingValidation.Required(name, "experiment_name");
        await store.EnsureDefaultExperimentAsync(project, Now, ct).ConfigureAwait(false);
        return await store.GetExperimentByNameAsync(project, name, ct).ConfigureAwait(false)
            ?? throw new CairnException(ErrorKind.NotFound, $"Could not find experiment with name '{name}'");
    }

    public async Task<(IReadOnlyList<Experiment> Items, string? NextPageToken)> SearchExperimentsAsync(
        long project, ViewType view, string? filter, IReadOnlyList<string>? orderBy, int? maxResults, string? pageToken, CancellationToken ct)
    {
        var clauses = ExperimentFilterParser.Parse(filter);
        var order = ExperimentFilterParser.ParseOrderBy(orderBy);
        var max = MaxResults(maxResults, TrackingLimits.DefaultMaxResults);
        await store.EnsureDefaultExperimentAsync(project, Now, ct).ConfigureAwait(false);
        var (items, next) = await store.SearchExperimentsAsync(project, view, clauses, order, max, PageToken.Decode(pageToken), ct).ConfigureAwait(false);
        return (items, next is { } n ? PageToken.Encode(n) : null);
    }

    public async Task RenameExperimentAsync(long project, string? id, string? newName, CancellationToken ct)
    {
        var number = ExperimentId(id);
        var name = ExperimentName(newName, "new_name");
        var experiment = await store.GetExperimentAsync(project, number, ct).ConfigureAwait(false) ?? throw ExperimentNotFound(number);
        if (experiment.LifecycleStage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("experiment_id", "Cannot rename a non-active experiment.");
        }

        await store.RenameExperimentAsync(project, number, name, Now, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes an active experiment and its runs (an unknown or already deleted one is not found, as in MLflow).</summary>
    public Task DeleteExperimentAsync(long project, string? id, CancellationToken ct) =>
        MoveExperimentAsync(project, id, LifecycleStage.Active, LifecycleStage.Deleted, ct);

    /// <summary>Restores a deleted experiment and all its runs.</summary>
    public Task RestoreExperimentAsync(long project, string? id, CancellationToken ct) =>
        MoveExperimentAsync(project, id, LifecycleStage.Deleted, LifecycleStage.Active, ct);

    public async Task SetExperimentTagAsync(long project, string? id, string? key, string? value, CancellationToken ct)
    {
        var number = ExperimentId(id);
        var tag = ExperimentTag(new KeyValue(key!, value ?? string.Empty), string.Empty);
        var experiment = await store.GetExperimentAsync(project, number, ct).ConfigureAwait(false) ?? throw ExperimentNotFound(number);
        if (experiment.LifecycleStage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("experiment_id", $"The experiment {number} must be in the 'active' state. Current state is {experiment.LifecycleStage}.");
        }

        await store.SetExperimentTagAsync(project, number, tag, Now, ct).ConfigureAwait(false);
    }

    internal static CairnException ExperimentNotFound(long id) =>
        new(ErrorKind.NotFound, $"No Experiment with id={id.ToString(CultureInfo.InvariantCulture)} exists");

    internal static CairnException RunNotFound(string id) => new(ErrorKind.NotFound, $"Run with id={id} not found");

    internal static int MaxResults(int? requested, int fallback)
    {
        var max = requested is null or 0 ? fallback : requested.Value;
        return max switch
        {
            < 0 => throw CairnException.Invalid("max_results", $"Invalid value {max} for parameter 'max_results' supplied. It must be a positive integer"),
            > TrackingLimits.MaxSearchResults => throw CairnException.Invalid("max_results", $"Invalid value {max} for parameter 'max_results' supplied. It must be at most {TrackingLimits.MaxSearchResults}"),
            _ => max,
        };
    }

    private async Task MoveExperimentAsync(long project, string? id, string from, string to, CancellationToken ct)
    {
        var number = ExperimentId(id);
        var experiment = await store.GetExperimentAsync(project, number, ct).ConfigureAwait(false);
        if (experiment is null || experiment.LifecycleStage != from)
        {
            throw ExperimentNotFound(number);
        }

        await store.SetExperimentStageAsync(project, number, to, Now, ct).ConfigureAwait(false);
    }

    private static string ExperimentName(string? name, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw TrackingValidation.Missing(field);
        }

        return TrackingValidation.Value(name, field, field, TrackingLimits.MaxExperimentNameLength);
    }

    private static KeyValue ExperimentTag(KeyValue tag, string prefix)
    {
        TrackingValidation.Key(tag?.Key, prefix + "key", "key");
        return new KeyValue(tag!.Key, TrackingValidation.Value(tag.Value, prefix + "value", "value", TrackingLimits.MaxExperimentTagValueLength));
    }

    /// <summary>
    /// Cairn keeps artifacts itself, under <c>mlflow-artifacts:/&lt;experiment&gt;</c>: a client-chosen
    /// location could name a local path or a URL the server would reach, and would not match the
    /// proxy's run trees. Omitting it (what MLflow clients do) is the only valid choice.
    /// </summary>
    private static string ArtifactLocation(string location) =>
        throw CairnException.Invalid("artifact_location", $"'{location}' cannot be chosen: Cairn stores artifacts itself under mlflow-artifacts:/<experiment_id>; omit artifact_location");

    [GeneratedRegex(@"^[a-zA-Z0-9][\w\-]{0,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPattern();
}

using Cairn.Core.Tracking;

namespace Cairn.Tracking;

public sealed partial class TrackingService
{
    /// <summary>Validates MLflow's dataset limits and links the datasets to the run.</summary>
    public Task LogInputsAsync(long project, string? runId, IReadOnlyList<DatasetInput>? inputs, CancellationToken ct)
    {
        var id = RunId(runId);
        var checkedInputs = (inputs ?? []).Select((input, i) => Input(input, $"datasets[{i}].")).ToList();
        return Guard(() => store.LogInputsAsync(project, id, checkedInputs, ct), id);
    }

    private static DatasetInput Input(DatasetInput input, string prefix)
    {
        var d = input.Dataset;
        var dataset = new Dataset(
            TrackingValidation.Value(d.Name, prefix + "dataset.name", "name", 500),
            TrackingValidation.Value(d.Digest, prefix + "dataset.digest", "digest", 36),
            TrackingValidation.Value(d.SourceType, prefix + "dataset.source_type", "source_type", 500),
            TrackingValidation.Value(d.Source, prefix + "dataset.source", "source", 65_535),
            TrackingValidation.Value(d.Schema, prefix + "dataset.schema", "schema", 1_048_575),
            TrackingValidation.Value(d.Profile, prefix + "dataset.profile", "profile", 16_777_215));
        var tags = input.Tags.Select((t, j) => new KeyValue(
            TrackingValidation.Value(t.Key, $"{prefix}tags[{j}].key", "key", 255),
            TrackingValidation.Value(t.Value, $"{prefix}tags[{j}].value", "value", 500))).ToList();
        if (tags.Any(t => t.Key.Length == 0))
        {
            throw TrackingValidation.Missing(prefix + "tags.key");
        }

        return new DatasetInput(dataset, tags);
    }
}

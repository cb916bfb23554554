namespace Cairn.Core.Tracking;

/// <summary>A run's use of a dataset, with input tags such as <c>mlflow.data.context</c> (training, eval…).</summary>
/// <param name="Dataset">The dataset.</param>
/// <param name="Tags">Input tags.</param>
public sealed record DatasetInput(Dataset Dataset, IReadOnlyList<KeyValue> Tags);

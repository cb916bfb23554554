namespace Cairn.Core.Tracking;

/// <summary>A run with its data: latest metric values, params and tags.</summary>
/// <param name="Info">Identity and state.</param>
/// <param name="Metrics">One latest value per metric key.</param>
/// <param name="Params">Write-once params.</param>
/// <param name="Tags">Tags, including <c>mlflow.*</c> system tags.</param>
public sealed record Run(RunInfo Info, IReadOnlyList<MetricPoint> Metrics, IReadOnlyList<KeyValue> Params, IReadOnlyList<KeyValue> Tags)
{
    /// <summary>Datasets the run consumed.</summary>
    public IReadOnlyList<DatasetInput> Inputs { get; init; } = [];
}

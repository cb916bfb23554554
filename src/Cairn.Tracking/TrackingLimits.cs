namespace Cairn.Tracking;

/// <summary>MLflow's limits (mlflow/utils/validation.py), which Cairn enforces by refusing, never by truncating.</summary>
public static class TrackingLimits
{
    public const int MaxKeyLength = 250;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 8000;
    public const int MaxExperimentTagValueLength = 5000;
    public const int MaxExperimentNameLength = 500;
    public const int MaxRunNameLength = 500;
    public const int MaxBatchMetrics = 1000;
    public const int MaxBatchParams = 100;
    public const int MaxBatchTags = 100;
    public const int MaxBatchEntities = 1000;
    public const int DefaultMaxResults = 1000;
    public const int MaxSearchResults = 50_000;
    public const int MaxHistoryPage = 100_000;
    public const int MaxSearchExperiments = 1000;
    public const int MaxInListValues = 1000;
}

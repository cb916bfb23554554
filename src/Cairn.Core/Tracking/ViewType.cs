namespace Cairn.Core.Tracking;

/// <summary>Which lifecycle stages a search returns (MLflow's <c>ViewType</c>).</summary>
public enum ViewType
{
    /// <summary>Only active entities (the default).</summary>
    ActiveOnly,

    /// <summary>Only deleted entities.</summary>
    DeletedOnly,

    /// <summary>Both.</summary>
    All,
}

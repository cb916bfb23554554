namespace Cairn.Core.Tracking;

/// <summary>What a search clause or order term refers to (MLflow's identifier prefixes).</summary>
public enum SearchEntity
{
    /// <summary><c>metrics.&lt;key&gt;</c>: the run's latest value.</summary>
    Metric,

    /// <summary><c>params.&lt;key&gt;</c>.</summary>
    Param,

    /// <summary><c>tags.&lt;key&gt;</c>.</summary>
    Tag,

    /// <summary><c>attributes.&lt;name&gt;</c>: run_id, run_name, status, user_id, artifact_uri, start_time, end_time, created.</summary>
    Attribute,

    /// <summary><c>datasets.&lt;name|digest|context&gt;</c>.</summary>
    Dataset,
}

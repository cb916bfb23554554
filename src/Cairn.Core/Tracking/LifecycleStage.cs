namespace Cairn.Core.Tracking;

/// <summary>Whether an experiment or run is active or (soft-)deleted.</summary>
public static class LifecycleStage
{
    /// <summary>Visible and writable.</summary>
    public const string Active = "active";

    /// <summary>Deleted; restorable.</summary>
    public const string Deleted = "deleted";
}

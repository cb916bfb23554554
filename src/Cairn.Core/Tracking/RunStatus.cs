namespace Cairn.Core.Tracking;

/// <summary>MLflow's run states, by their wire names.</summary>
public static class RunStatus
{
    /// <summary>The run is in progress.</summary>
    public const string Running = "RUNNING";

    /// <summary>The run is queued.</summary>
    public const string Scheduled = "SCHEDULED";

    /// <summary>The run ended successfully.</summary>
    public const string Finished = "FINISHED";

    /// <summary>The run ended with an error.</summary>
    public const string Failed = "FAILED";

    /// <summary>The run was stopped.</summary>
    public const string Killed = "KILLED";

    /// <summary>Every valid status.</summary>
    public static IReadOnlyList<string> All { get; } = [Running, Scheduled, Finished, Failed, Killed];

    /// <summary>Whether the status means the run has ended.</summary>
    public static bool IsTerminal(string status) => status is Finished or Failed or Killed;
}

using Cairn.Core.Tracking;

namespace Cairn.Core.Storage;

/// <summary>The index of each run's artifact tree (paths to blobs), within one project.</summary>
public interface IRunArtifactStore
{
    /// <summary>Checks, without writing, that a file may be recorded (active run, no file/directory clash), so content is not stored in vain.</summary>
    Task EnsureWritableAsync(long projectId, string runId, string path, CancellationToken ct);

    /// <summary>Records (or replaces) a file of an active run; NotFound for an unknown run, Invalid for a deleted one.</summary>
    Task PutAsync(long projectId, string runId, ArtifactEntry entry, long now, CancellationToken ct);

    /// <summary>One file, or null.</summary>
    Task<ArtifactEntry?> GetAsync(long projectId, string runId, string path, CancellationToken ct);

    /// <summary>Every file at or under <paramref name="prefix"/> (a file path or a directory), by path.</summary>
    Task<IReadOnlyList<ArtifactEntry>> ListAsync(long projectId, string runId, string? prefix, CancellationToken ct);

    /// <summary>Removes a file or a whole directory; returns the entries removed.</summary>
    Task<IReadOnlyList<ArtifactEntry>> DeleteAsync(long projectId, string runId, string prefix, CancellationToken ct);

    /// <summary>Whether any run still references a blob (blobs are deleted only when none does).</summary>
    Task<bool> IsReferencedAsync(string sha256, CancellationToken ct);
}

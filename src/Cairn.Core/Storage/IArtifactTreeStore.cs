using Cairn.Core.Tracking;

namespace Cairn.Core.Storage;

/// <summary>The index of artifact trees (paths to blobs) of runs and logged models, within one project.</summary>
public interface IArtifactTreeStore
{
    /// <summary>Checks, without writing, that a file may be recorded (active owner, no file/directory clash), so content is not stored in vain.</summary>
    Task EnsureWritableAsync(long projectId, ArtifactOwner owner, string path, CancellationToken ct);

    /// <summary>Records (or replaces) a file of an active owner; NotFound for an unknown one, Invalid for a deleted one.</summary>
    Task PutAsync(long projectId, ArtifactOwner owner, ArtifactEntry entry, long now, CancellationToken ct);

    /// <summary>One file, or null.</summary>
    Task<ArtifactEntry?> GetAsync(long projectId, ArtifactOwner owner, string path, CancellationToken ct);

    /// <summary>Every file at or under <paramref name="prefix"/> (a file path or a directory), by path.</summary>
    Task<IReadOnlyList<ArtifactEntry>> ListAsync(long projectId, ArtifactOwner owner, string? prefix, CancellationToken ct);

    /// <summary>Removes a file or a whole directory; returns the entries removed.</summary>
    Task<IReadOnlyList<ArtifactEntry>> DeleteAsync(long projectId, ArtifactOwner owner, string prefix, CancellationToken ct);

    /// <summary>Whether any run, logged model or registered model version still references a blob (blobs are deleted only when none does).</summary>
    Task<bool> IsReferencedAsync(string sha256, CancellationToken ct);
}

using Cairn.Core.Errors;
using Cairn.Governance.Access;
using Cairn.Registry;
using Cairn.Tracking.Artifacts;
using Microsoft.AspNetCore.Http;

namespace Cairn.Mlflow;

/// <summary>
/// The read-only registry tree of the artifact proxy (<c>registry/&lt;model&gt;/&lt;version&gt;/…</c>, what
/// <c>get-download-uri</c> answers). Every file is re-hashed before it is served; a mismatch is refused
/// with 409 and recorded in the audit chain, even though the request is a read.
/// </summary>
internal static class RegistryDownload
{
    public static async Task<(string Path, Stream Content)> OpenAsync(HttpContext http, RegistryPath target, RegistryService registry, LoadGuard guard, CancellationToken ct)
    {
        if (target.Relative is null)
        {
            throw CairnException.Invalid("path", "must name a file inside the model version");
        }

        var caller = http.GetCaller();
        var where = $"GET {http.Request.Path}";

        // The version as a whole first (manifest against digest, signature when the policy requires one), then this file's bytes.
        await guard.EnsureLoadableAsync(caller, where, target.Name, target.Version, rehash: false, ct);
        var (file, content, tampered) = await registry.OpenVerifiedAsync(caller.ProjectId, target.Name, target.Version, target.Relative, ct);
        if (tampered is not null)
        {
            await guard.RefuseAsync(caller, where, "registry.tamper_detected", tampered);
            throw CairnException.Conflict("refused: " + tampered + "; the file was altered or lost in the blob store after registration");
        }

        return (file.Path, content ?? throw new CairnException(ErrorKind.Unavailable, $"the content of '{file.Path}' is missing from the blob store"));
    }

    public static async Task<IReadOnlyList<ArtifactListing>> ListAsync(HttpContext http, RegistryPath directory, RegistryService registry, CancellationToken ct)
    {
        var files = await registry.FilesAsync(http.GetCaller().ProjectId, directory.Name, directory.Version, ct);
        return ArtifactListing.Children(files.Select(f => (f.Path, f.Size)), directory.Relative, fullPaths: false);
    }
}

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
    public static async Task<(string Path, Stream Content)> OpenAsync(HttpContext http, RegistryPath target, LoadGuard guard, CancellationToken ct)
    {
        if (target.Relative is null)
        {
            throw CairnException.Invalid("path", "must name a file inside the model version");
        }

        var (file, content) = await guard.OpenFileAsync(http.GetCaller(), $"GET {http.Request.Path}", target.Name, target.Version, target.Relative, ct);
        return (file.Path, content);
    }

    public static async Task<IReadOnlyList<ArtifactListing>> ListAsync(HttpContext http, RegistryPath directory, RegistryService registry, CancellationToken ct)
    {
        var files = await registry.FilesAsync(http.GetCaller().ProjectId, directory.Name, directory.Version, ct);
        return ArtifactListing.Children(files.Select(f => (f.Path, f.Size)), directory.Relative, fullPaths: false);
    }
}

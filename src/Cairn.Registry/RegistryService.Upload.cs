using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Tracking;
using Cairn.Tracking;

namespace Cairn.Registry;

public sealed partial class RegistryService
{
    /// <summary>The source recorded for a version registered from an uploaded package.</summary>
    public const string UploadSourcePrefix = "upload:sha256:";

    /// <summary>
    /// Registers the next version from an uploaded package (zip, tar or tar.gz; see <see cref="ModelPackage"/>).
    /// The files go into the content-addressed store; the source records the package's SHA-256. On any
    /// refusal, nothing stays behind: blobs no version references are removed again. The package must be
    /// seekable (the HTTP layer buffers the body to a file).
    /// </summary>
    public async Task<ModelVersion> UploadVersionAsync(
        long project, string? name, Stream package, IReadOnlyList<KeyValue>? tags, string? description, string author, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(package);
        var checkedName = RegistryValidation.Name(name);
        var checkedTags = TrackingValidation.Tags(tags);
        var checkedDescription = Description(description);
        _ = await GetModelAsync(project, checkedName, ct).ConfigureAwait(false);

        var packageDigest = Convert.ToHexStringLower(await SHA256.HashDataAsync(package, ct).ConfigureAwait(false));
        package.Position = 0;
        var files = new List<ModelFile>();
        try
        {
            await ModelPackage.ReadAsync(package, artifacts.MaxArtifactBytes, async (path, content, length) =>
            {
                try
                {
                    var blob = await artifacts.PutBlobAsync(content, length, ct).ConfigureAwait(false);
                    files.Add(new ModelFile(path, blob.Sha256, blob.Size));
                }
                catch (CairnException e) when (e.Field == "content")
                {
                    throw CairnException.Invalid("package", $"entry '{path}' holds more bytes than its header declares ({length})");
                }
            }, ct).ConfigureAwait(false);

            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            var now = Now;
            var version = new ModelVersion(
                checkedName, 0, UploadSourcePrefix + packageDigest, null, null, checkedDescription, author, "None", "READY", ModelManifest.Digest(files), now, now, checkedTags, []);
            return await RecordAsync(project, version, files, ct).ConfigureAwait(false);
        }
        catch
        {
            await artifacts.ReleaseAsync(files.Select(f => f.Sha256), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}

using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Microsoft.Extensions.Options;

namespace Cairn.Tracking.Artifacts;

/// <summary>
/// Artifacts of runs and logged models: files stream into the content-addressed store and a per-owner
/// index maps paths to them. Every path is normalised and confined to its owner's tree; a blob is
/// deleted only when no run or model references it any more.
/// </summary>
public sealed class ArtifactService(
    IArtifactTreeStore index, IArtifactStore blobs, ITrackingStore runs, ILoggedModelStore models, IOptions<ArtifactOptions> options, TimeProvider time)
{
    // A blob is shared by content: "is it still referenced? then delete" must not interleave with an
    // upload of the same content recording a new reference. Striped by digest, per process; several
    // replicas over one store would need a deferred collector instead (noted in the README).
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The upload limit, for the HTTP layer to raise its body limit to.</summary>
    public long MaxArtifactBytes => options.Value.MaxArtifactBytes;

    /// <summary>Streams one file into a run's tree.</summary>
    public async Task<ArtifactEntry> UploadAsync(long project, ProxyPath target, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await RequireOwnerAsync(project, target, ct).ConfigureAwait(false);
        await index.EnsureWritableAsync(project, target.Owner, target.Relative!, ct).ConfigureAwait(false);
        var blob = await blobs.PutAsync(content, MaxArtifactBytes, ct).ConfigureAwait(false);
        var entry = new ArtifactEntry(target.Relative!, blob.Sha256, blob.Size);
        var stripe = Stripe(blob.Sha256);
        await stripe.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await index.PutAsync(project, target.Owner, entry, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // Nothing half-written stays behind: content no run references is removed again.
            if (!await index.IsReferencedAsync(blob.Sha256, CancellationToken.None).ConfigureAwait(false))
            {
                blobs.Delete(blob.Sha256);
            }

            throw;
        }
        finally
        {
            stripe.Release();
        }

        return entry;
    }

    /// <summary>Opens one file for streaming.</summary>
    public async Task<(ArtifactEntry Entry, Stream Content)> OpenAsync(long project, ProxyPath target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await RequireOwnerAsync(project, target, ct).ConfigureAwait(false);
        var entry = await index.GetAsync(project, target.Owner, target.Relative!, ct).ConfigureAwait(false)
            ?? throw CairnException.NotFound("artifact", target.Relative!);
        var content = blobs.OpenRead(entry.Sha256)
            ?? throw new CairnException(ErrorKind.Unavailable, $"the content of artifact '{entry.Path}' is missing from the blob store");
        return (entry, content);
    }

    /// <summary>Deletes a file or directory and any blob no run references any more.</summary>
    public async Task DeleteAsync(long project, ProxyPath target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await RequireOwnerAsync(project, target, ct).ConfigureAwait(false);
        var removed = await index.DeleteAsync(project, target.Owner, target.Relative!, ct).ConfigureAwait(false);
        if (removed.Count == 0)
        {
            throw CairnException.NotFound("artifact", target.Relative!);
        }

        await ReleaseAsync(removed.Select(e => e.Sha256), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Holds the deletion locks of these blobs (in one global order, so holders never deadlock): while held,
    /// no delete can remove them, so a new reference recorded meanwhile (a registered version) is safe.
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync(IEnumerable<string> digests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var held = new List<SemaphoreSlim>();
        try
        {
            foreach (var stripe in digests.Select(Stripe).Distinct().OrderBy(s => Array.IndexOf(_stripes, s)))
            {
                await stripe.WaitAsync(ct).ConfigureAwait(false);
                held.Add(stripe);
            }
        }
        catch
        {
            held.ForEach(s => s.Release());
            throw;
        }

        return new Held(held);
    }

    /// <summary>Whether a blob's bytes still hash to its name; false when it is altered or missing.</summary>
    public async Task<bool> VerifyBlobAsync(string sha256, CancellationToken ct)
    {
        await using var content = blobs.OpenRead(sha256);
        if (content is null)
        {
            return false;
        }

        var actual = await System.Security.Cryptography.SHA256.HashDataAsync(content, ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(actual) == sha256;
    }

    /// <summary>
    /// Streams content into the blob store, at most <paramref name="maxBytes"/> (and never more than the upload limit).
    /// Until a version or tree references it, a concurrent <see cref="ReleaseAsync"/> may remove it: hold it first.
    /// </summary>
    public Task<BlobRef> PutBlobAsync(Stream content, long maxBytes, CancellationToken ct) =>
        blobs.PutAsync(content, Math.Min(maxBytes, MaxArtifactBytes), ct);

    /// <summary>Opens a blob by digest, or null when missing.</summary>
    public Stream? OpenBlob(string sha256) => blobs.OpenRead(sha256);

    /// <summary>Deletes each blob that nothing (run, logged model, registered version) references any more.</summary>
    public async Task ReleaseAsync(IEnumerable<string> digests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(digests);
        foreach (var digest in digests.Distinct())
        {
            var stripe = Stripe(digest);
            await stripe.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (!await index.IsReferencedAsync(digest, CancellationToken.None).ConfigureAwait(false))
                {
                    blobs.Delete(digest);
                }
            }
            finally
            {
                stripe.Release();
            }
        }
    }

    /// <summary>The immediate children of a directory of a run's tree; <paramref name="runRelative"/> makes paths relative to the run root.</summary>
    public async Task<IReadOnlyList<ArtifactListing>> ListAsync(long project, ProxyPath directory, bool runRelative, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(directory);
        await RequireOwnerAsync(project, directory, ct).ConfigureAwait(false);
        var entries = await index.ListAsync(project, directory.Owner, directory.Relative, ct).ConfigureAwait(false);
        return ArtifactListing.Children(entries.Select(e => (e.Path, e.Size)), directory.Relative, runRelative);
    }

    /// <summary>The run's tree root for listing by run id (the tracking API's artifacts/list).</summary>
    public async Task<(Run Run, ProxyPath Directory)> ForRunAsync(long project, string? runId, string? path, CancellationToken ct)
    {
        var id = TrackingService.RunId(runId);
        var run = await runs.GetRunAsync(project, id, ct).ConfigureAwait(false) ?? throw TrackingService.RunNotFound(id);
        var relative = string.IsNullOrEmpty(path) ? null : ArtifactPath.Normalize(path, "path");
        return (run, new ProxyPath(run.Info.ExperimentId, ArtifactOwner.Run(id), relative));
    }

    /// <summary>A logged model's tree root for listing by model id (<c>logged-models/&lt;id&gt;/artifacts/directories</c>).</summary>
    public async Task<(LoggedModel Model, ProxyPath Directory)> ForModelAsync(long project, string modelId, string? path, CancellationToken ct)
    {
        var model = await models.GetAsync(project, modelId, includeDeleted: false, ct).ConfigureAwait(false) ?? throw LoggedModelService.NotFound(modelId);
        var relative = string.IsNullOrEmpty(path) ? null : ArtifactPath.Normalize(path, "artifact_directory_path");
        return (model, new ProxyPath(model.ExperimentId, ArtifactOwner.Model(model.ModelId), relative));
    }

    private SemaphoreSlim Stripe(string digest) => _stripes[Convert.ToInt32(digest[..2], 16) % _stripes.Length];

    private async Task RequireOwnerAsync(long project, ProxyPath target, CancellationToken ct)
    {
        if (target.Owner.IsModel)
        {
            var model = await models.GetAsync(project, target.Owner.Id, includeDeleted: false, ct).ConfigureAwait(false);
            if (model is null || model.ExperimentId != target.Experiment)
            {
                throw LoggedModelService.NotFound(target.Owner.Id);
            }

            return;
        }

        var run = await runs.GetRunAsync(project, target.Owner.Id, ct).ConfigureAwait(false);
        if (run is null || run.Info.ExperimentId != target.Experiment)
        {
            throw TrackingService.RunNotFound(target.Owner.Id);
        }
    }

    private sealed class Held(List<SemaphoreSlim> stripes) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            stripes.ForEach(s => s.Release());
            return ValueTask.CompletedTask;
        }
    }
}

using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Tracking;
using Cairn.Tracking;

namespace Cairn.Registry;

public sealed partial class RegistryService
{
    /// <summary>
    /// Registers the next version from a source tree Cairn holds. The run (if named) must exist and be
    /// active; the source must hold at least one file; the version's manifest and digest are fixed here.
    /// </summary>
    public async Task<ModelVersion> CreateVersionAsync(
        long project, string? name, string? source, string? runId, string? modelId, IReadOnlyList<KeyValue>? tags, string? description, string author, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var (parsed, experiment) = ModelSource.Parse(source);
        var checkedTags = TrackingValidation.Tags(tags);
        var checkedDescription = Description(description);
        var run = string.IsNullOrEmpty(runId) ? null : TrackingService.RunId(runId);
        var loggedModel = string.IsNullOrEmpty(modelId) ? null : LoggedModelIds.Check(modelId, "model_id");
        _ = await GetModelAsync(project, checkedName, ct).ConfigureAwait(false);

        if (parsed.Owner.IsModel)
        {
            var model = await loggedModels.GetAsync(project, parsed.Owner.Id, includeDeleted: false, ct).ConfigureAwait(false);
            if (model is null || (experiment is { } e && e != model.ExperimentId))
            {
                throw CairnException.Invalid("source", $"logged model {parsed.Owner.Id} does not exist in this project");
            }

            if (loggedModel is not null && loggedModel != model.ModelId)
            {
                throw CairnException.Invalid("model_id", $"model_id {loggedModel} differs from the logged model of the source, {model.ModelId}");
            }

            loggedModel = model.ModelId;
            run ??= model.SourceRunId;
        }
        else
        {
            if (run is not null && run != parsed.Owner.Id)
            {
                throw CairnException.Invalid("run_id", $"run_id {run} differs from the run of the source, {parsed.Owner.Id}");
            }

            run = parsed.Owner.Id;
        }

        if (run is not null)
        {
            var stored = await tracking.GetRunAsync(project, run, ct).ConfigureAwait(false);
            if (stored is null || (!parsed.Owner.IsModel && experiment is { } e && e != stored.Info.ExperimentId))
            {
                throw CairnException.Invalid("run_id", $"Run with id={run} not found in this project");
            }

            if (stored.Info.LifecycleStage != LifecycleStage.Active)
            {
                throw CairnException.Invalid("run_id", $"Run {run} is deleted; a version cannot be registered from a deleted run");
            }
        }

        var files = await SourceFilesAsync(project, parsed, ct).ConfigureAwait(false);
        var now = Now;
        var version = new ModelVersion(
            checkedName, 0, source!, run, loggedModel, checkedDescription, author, "None", "READY", ModelManifest.Digest(files), now, now, checkedTags, []);

        return await RecordAsync(project, version, files, ct).ConfigureAwait(false);
    }

    /// <summary>Records a version whose files are in the blob store.</summary>
    private async Task<ModelVersion> RecordAsync(long project, ModelVersion version, IReadOnlyList<ModelFile> files, CancellationToken ct)
    {
        // While the version records its references, no delete may remove the blobs it names.
        await using (await artifacts.HoldAsync(files.Select(f => f.Sha256), ct).ConfigureAwait(false))
        {
            var missing = files.FirstOrDefault(f => artifacts.OpenBlob(f.Sha256) is not { } s || Close(s));
            if (missing is not null)
            {
                throw CairnException.Conflict($"the content of '{missing.Path}' is no longer in the store; register again");
            }

            return await store.CreateVersionAsync(project, version, files, ct).ConfigureAwait(false);
        }
    }

    public async Task<ModelVersion> GetVersionAsync(long project, string? name, string? version, CancellationToken ct) =>
        await GetVersionAsync(project, RegistryValidation.Name(name), RegistryValidation.Version(version), ct).ConfigureAwait(false);

    public async Task<ModelVersion> GetVersionAsync(long project, string name, long version, CancellationToken ct) =>
        await store.GetVersionAsync(project, name, version, ct).ConfigureAwait(false) ?? throw await NotFoundAsync(project, name, version, ct).ConfigureAwait(false);

    /// <summary>Every model of the project, by name.</summary>
    public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(long project, CancellationToken ct) => store.ListModelsAsync(project, ct);

    /// <summary>Every version of one model, oldest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(long project, string? name, CancellationToken ct)
    {
        var model = await GetModelAsync(project, name, ct).ConfigureAwait(false);
        return await store.ListVersionsAsync(project, model.Name, ct).ConfigureAwait(false);
    }

    public async Task<ModelVersion> UpdateVersionAsync(long project, string? name, string? version, string? description, CancellationToken ct)
    {
        var (checkedName, number) = (RegistryValidation.Name(name), RegistryValidation.Version(version));
        if (!await store.UpdateVersionAsync(project, checkedName, number, description is null ? null : Description(description), null, Now, ct).ConfigureAwait(false))
        {
            throw await NotFoundAsync(project, checkedName, number, ct).ConfigureAwait(false);
        }

        return await GetVersionAsync(project, checkedName, number, ct).ConfigureAwait(false);
    }

    /// <summary>MLflow's legacy stage transition; with <paramref name="archiveExisting"/>, others in that stage move to Archived.</summary>
    public async Task<ModelVersion> TransitionStageAsync(long project, string? name, string? version, string? stage, bool archiveExisting, CancellationToken ct)
    {
        var (checkedName, number) = (RegistryValidation.Name(name), RegistryValidation.Version(version));
        var checkedStage = RegistryValidation.Stage(stage);
        if (!await store.UpdateVersionAsync(project, checkedName, number, null, checkedStage, Now, ct).ConfigureAwait(false))
        {
            throw await NotFoundAsync(project, checkedName, number, ct).ConfigureAwait(false);
        }

        if (archiveExisting && checkedStage is "Staging" or "Production")
        {
            await store.ArchiveOthersAsync(project, checkedName, number, checkedStage, Now, ct).ConfigureAwait(false);
        }

        return await GetVersionAsync(project, checkedName, number, ct).ConfigureAwait(false);
    }

    public async Task DeleteVersionAsync(long project, string? name, string? version, CancellationToken ct)
    {
        var (checkedName, number) = (RegistryValidation.Name(name), RegistryValidation.Version(version));
        var released = await store.DeleteVersionAsync(project, checkedName, number, ct).ConfigureAwait(false)
            ?? throw await NotFoundAsync(project, checkedName, number, ct).ConfigureAwait(false);
        await artifacts.ReleaseAsync(released, CancellationToken.None).ConfigureAwait(false);
    }

    public async Task SetVersionTagAsync(long project, string? name, string? version, string? key, string? value, bool delete, CancellationToken ct)
    {
        var (checkedName, number) = (RegistryValidation.Name(name), RegistryValidation.Version(version));
        TrackingValidation.Key(key, "key", "key");
        var checkedValue = delete ? null : TrackingValidation.Value(value, "value", "value", TrackingLimits.MaxTagValueLength);
        if (!await store.SetVersionTagAsync(project, checkedName, number, key!, checkedValue, Now, ct).ConfigureAwait(false))
        {
            throw await NotFoundAsync(project, checkedName, number, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Where the client downloads a version from: the registry tree of the artifact proxy.</summary>
    public static string DownloadUri(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"mlflow-artifacts:/{RegistryPath.Root}/{version.Name}/{version.Version.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A version's manifest.</summary>
    public async Task<IReadOnlyList<ModelFile>> FilesAsync(long project, string name, long version, CancellationToken ct)
    {
        _ = await GetVersionAsync(project, name, version, ct).ConfigureAwait(false);
        return await store.FilesAsync(project, name, version, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens one file of a version after re-hashing its content against the manifest. Altered or missing
    /// content yields a Tampered message saying what was found, and nothing is served.
    /// </summary>
    public async Task<(ModelFile File, Stream? Content, string? Tampered)> OpenVerifiedAsync(long project, string name, long version, string path, CancellationToken ct)
    {
        var file = (await FilesAsync(project, name, version, ct).ConfigureAwait(false)).FirstOrDefault(f => f.Path == path)
            ?? throw CairnException.NotFound("file", path);
        if (!await artifacts.VerifyBlobAsync(file.Sha256, ct).ConfigureAwait(false))
        {
            return (file, null, $"the content of '{file.Path}' of {name} version {version} no longer matches its recorded SHA-256 {file.Sha256}");
        }

        return (file, artifacts.OpenBlob(file.Sha256), null);
    }

    /// <summary>Re-hashes every file of a version and checks the manifest digest: null when intact, else what is wrong.</summary>
    public async Task<string?> VerifyVersionAsync(long project, string name, long version, CancellationToken ct)
    {
        var stored = await GetVersionAsync(project, name, version, ct).ConfigureAwait(false);
        var files = await store.FilesAsync(project, name, version, ct).ConfigureAwait(false);
        if (ModelManifest.Digest(files) != stored.Digest)
        {
            return $"the manifest of {name} version {version} no longer matches its recorded digest {stored.Digest}";
        }

        foreach (var file in files)
        {
            if (!await artifacts.VerifyBlobAsync(file.Sha256, ct).ConfigureAwait(false))
            {
                return $"the content of '{file.Path}' of {name} version {version} no longer matches its recorded SHA-256 {file.Sha256}";
            }
        }

        return null;
    }

    private static bool Close(Stream s)
    {
        s.Dispose();
        return false;
    }

    private async Task<List<ModelFile>> SourceFilesAsync(long project, ModelSource source, CancellationToken ct)
    {
        var entries = await trees.ListAsync(project, source.Owner, source.Prefix, ct).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            throw CairnException.Invalid("source", $"the source holds no files: nothing at '{source.Prefix ?? "/"}' in the artifacts of {source.Owner}");
        }

        // A directory's files keep their paths below it; a single file keeps its own name.
        var single = entries.Count == 1 && entries[0].Path == source.Prefix;
        return entries.Select(e => new ModelFile(
            single ? e.Path[(e.Path.LastIndexOf('/') + 1)..] : source.Prefix is null ? e.Path : e.Path[(source.Prefix.Length + 1)..], e.Sha256, e.Size)).ToList();
    }

    private async Task<CairnException> NotFoundAsync(long project, string name, long version, CancellationToken ct) =>
        await store.GetModelAsync(project, name, ct).ConfigureAwait(false) is null ? RegistryValidation.ModelNotFound(name) : RegistryValidation.VersionNotFound(name, version);
}

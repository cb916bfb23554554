using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Cairn.Tracking;
using Cairn.Tracking.Artifacts;

namespace Cairn.Registry;

/// <summary>
/// Registered models and immutable versions within one project. Registering copies the source
/// tree's manifest (paths, sizes, SHA-256 of content-addressed blobs) into the version and records its
/// digest; nothing can change a version's files afterwards, and every read re-hashes what it serves.
/// </summary>
public sealed partial class RegistryService(IRegistryStore store, ITrackingStore tracking, ILoggedModelStore loggedModels, IArtifactTreeStore trees, ArtifactService artifacts, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<RegisteredModel> CreateModelAsync(long project, string? name, string? description, IReadOnlyList<KeyValue>? tags, string? riskTier, string owner, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var model = new RegisteredModel(
            checkedName, Description(description), riskTier is null ? "low" : RegistryValidation.RiskTier(riskTier), owner, Now, Now, TrackingValidation.Tags(tags), []);
        try
        {
            return await store.CreateModelAsync(project, model, ct).ConfigureAwait(false);
        }
        catch (CairnException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
            throw new CairnException(ErrorKind.AlreadyExists, $"Registered Model (name={checkedName}) already exists.");
        }
    }

    public async Task<RegisteredModel> GetModelAsync(long project, string? name, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        return await store.GetModelAsync(project, checkedName, ct).ConfigureAwait(false) ?? throw RegistryValidation.ModelNotFound(checkedName);
    }

    /// <summary>The newest version in each stage (MLflow's <c>latest_versions</c>), or of the given stages.</summary>
    public async Task<IReadOnlyList<ModelVersion>> LatestVersionsAsync(long project, string? name, IReadOnlyList<string>? stages, CancellationToken ct)
    {
        var model = await GetModelAsync(project, name, ct).ConfigureAwait(false);
        var wanted = stages is { Count: > 0 } ? stages.Select(RegistryValidation.Stage).ToHashSet() : ModelStages.All.ToHashSet();
        return Latest(await store.ListVersionsAsync(project, model.Name, ct).ConfigureAwait(false), wanted);
    }

    /// <summary>Every model's newest version per stage, from one read (for search pages).</summary>
    public async Task<ILookup<string, ModelVersion>> LatestVersionsOfAllAsync(long project, CancellationToken ct)
    {
        var all = ModelStages.All.ToHashSet();
        var versions = await store.ListVersionsAsync(project, null, ct).ConfigureAwait(false);
        return versions.GroupBy(v => v.Name, StringComparer.Ordinal).SelectMany(g => Latest(g, all)).ToLookup(v => v.Name, StringComparer.Ordinal);
    }

    private static List<ModelVersion> Latest(IEnumerable<ModelVersion> versions, HashSet<string> stages) =>
        versions.Where(v => stages.Contains(v.Stage)).GroupBy(v => v.Stage).Select(g => g.MaxBy(v => v.Version)!).OrderBy(v => v.Version).ToList();

    public async Task<RegisteredModel> UpdateModelAsync(long project, string? name, string? description, string? riskTier, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var tier = riskTier is null ? null : RegistryValidation.RiskTier(riskTier);
        if (!await store.UpdateModelAsync(project, checkedName, description is null ? null : Description(description), tier, Now, ct).ConfigureAwait(false))
        {
            throw RegistryValidation.ModelNotFound(checkedName);
        }

        return await GetModelAsync(project, checkedName, ct).ConfigureAwait(false);
    }

    public async Task<RegisteredModel> RenameModelAsync(long project, string? name, string? newName, CancellationToken ct)
    {
        var from = RegistryValidation.Name(name);
        var to = RegistryValidation.Name(newName, "new_name");
        try
        {
            if (!await store.RenameModelAsync(project, from, to, Now, ct).ConfigureAwait(false))
            {
                throw RegistryValidation.ModelNotFound(from);
            }
        }
        catch (CairnException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
            throw new CairnException(ErrorKind.AlreadyExists, $"Registered Model (name={to}) already exists.");
        }

        return await GetModelAsync(project, to, ct).ConfigureAwait(false);
    }

    public async Task DeleteModelAsync(long project, string? name, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var released = await store.DeleteModelAsync(project, checkedName, ct).ConfigureAwait(false) ?? throw RegistryValidation.ModelNotFound(checkedName);
        await artifacts.ReleaseAsync(released, CancellationToken.None).ConfigureAwait(false);
    }

    public async Task SetModelTagAsync(long project, string? name, string? key, string? value, bool delete, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        TrackingValidation.Key(key, "key", "key");
        var checkedValue = delete ? null : TrackingValidation.Value(value, "value", "value", TrackingLimits.MaxTagValueLength);
        if (!await store.SetModelTagAsync(project, checkedName, key!, checkedValue, Now, ct).ConfigureAwait(false))
        {
            throw RegistryValidation.ModelNotFound(checkedName);
        }
    }

    public async Task SetAliasAsync(long project, string? name, string? alias, string? version, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var checkedAlias = RegistryValidation.Alias(alias);
        var number = RegistryValidation.Version(version);
        if (!await store.SetAliasAsync(project, checkedName, checkedAlias, number, Now, ct).ConfigureAwait(false))
        {
            _ = await GetModelAsync(project, checkedName, ct).ConfigureAwait(false);
            throw RegistryValidation.VersionNotFound(checkedName, number);
        }
    }

    public async Task DeleteAliasAsync(long project, string? name, string? alias, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var checkedAlias = RegistryValidation.Alias(alias);
        if (!await store.DeleteAliasAsync(project, checkedName, checkedAlias, Now, ct).ConfigureAwait(false))
        {
            throw RegistryValidation.ModelNotFound(checkedName);
        }
    }

    public async Task<ModelVersion> GetByAliasAsync(long project, string? name, string? alias, CancellationToken ct)
    {
        var checkedName = RegistryValidation.Name(name);
        var checkedAlias = RegistryValidation.Alias(alias);
        if (await store.GetVersionByAliasAsync(project, checkedName, checkedAlias, ct).ConfigureAwait(false) is { } resolved)
        {
            return resolved;
        }

        // Not found: find out which part is missing, for the error.
        var model = await GetModelAsync(project, checkedName, ct).ConfigureAwait(false);
        var target = model.Aliases.FirstOrDefault(a => a.Alias == checkedAlias)
            ?? throw new CairnException(ErrorKind.NotFound, $"Registered model alias {checkedAlias} not found.");
        return await GetVersionAsync(project, model.Name, target.Version, ct).ConfigureAwait(false);
    }

    private static string Description(string? description) => TrackingValidation.Value(description, "description", "description", 5000);

}

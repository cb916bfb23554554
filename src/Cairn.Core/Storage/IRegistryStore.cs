using Cairn.Core.Registry;

namespace Cairn.Core.Storage;

/// <summary>Registered models and their immutable versions, always within one project.</summary>
public interface IRegistryStore
{
    /// <summary>Creates a model; AlreadyExists on a duplicate name.</summary>
    Task<RegisteredModel> CreateModelAsync(long projectId, RegisteredModel model, CancellationToken ct);

    /// <summary>A model with tags and aliases, or null.</summary>
    Task<RegisteredModel?> GetModelAsync(long projectId, string name, CancellationToken ct);

    /// <summary>Every model of the project, by name.</summary>
    Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(long projectId, CancellationToken ct);

    /// <summary>Updates description (and risk tier when given); false when unknown.</summary>
    Task<bool> UpdateModelAsync(long projectId, string name, string? description, string? riskTier, long now, CancellationToken ct);

    /// <summary>Renames a model; false when unknown, AlreadyExists when the new name is taken.</summary>
    Task<bool> RenameModelAsync(long projectId, string name, string newName, long now, CancellationToken ct);

    /// <summary>Deletes a model with its versions, tags and aliases; returns the digests of the files its versions referenced, or null when unknown.</summary>
    Task<IReadOnlyList<string>?> DeleteModelAsync(long projectId, string name, CancellationToken ct);

    /// <summary>Sets or deletes (null value) a model tag; false when the model is unknown.</summary>
    Task<bool> SetModelTagAsync(long projectId, string name, string key, string? value, long now, CancellationToken ct);

    /// <summary>Creates the next version with its manifest and tags, numbered 1, 2, … per model; NotFound for an unknown model.</summary>
    Task<ModelVersion> CreateVersionAsync(long projectId, ModelVersion version, IReadOnlyList<ModelFile> files, CancellationToken ct);

    /// <summary>A version with tags and aliases, or null.</summary>
    Task<ModelVersion?> GetVersionAsync(long projectId, string name, long version, CancellationToken ct);

    /// <summary>The version an alias points at, or null when the model or the alias does not exist. Answers may come from memory.</summary>
    Task<ModelVersion?> GetVersionByAliasAsync(long projectId, string name, string alias, CancellationToken ct);

    /// <summary>Versions of the project, optionally of one model, by model name then version.</summary>
    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(long projectId, string? name, CancellationToken ct);

    /// <summary>A version's manifest.</summary>
    Task<IReadOnlyList<ModelFile>> FilesAsync(long projectId, string name, long version, CancellationToken ct);

    /// <summary>Updates a version's description and/or stage; false when unknown.</summary>
    Task<bool> UpdateVersionAsync(long projectId, string name, long version, string? description, string? stage, long now, CancellationToken ct);

    /// <summary>Moves every other version of the model in <paramref name="stage"/> to Archived.</summary>
    Task ArchiveOthersAsync(long projectId, string name, long keep, string stage, long now, CancellationToken ct);

    /// <summary>Deletes a version, its tags, aliases and manifest; returns the digests it referenced, or null when unknown.</summary>
    Task<IReadOnlyList<string>?> DeleteVersionAsync(long projectId, string name, long version, CancellationToken ct);

    /// <summary>Sets or deletes (null value) a version tag; false when the version is unknown.</summary>
    Task<bool> SetVersionTagAsync(long projectId, string name, long version, string key, string? value, long now, CancellationToken ct);

    /// <summary>Points an alias at a version (moving it if set); false when the version is unknown.</summary>
    Task<bool> SetAliasAsync(long projectId, string name, string alias, long version, long now, CancellationToken ct);

    /// <summary>Removes an alias; false when the model is unknown.</summary>
    Task<bool> DeleteAliasAsync(long projectId, string name, string alias, long now, CancellationToken ct);
}

using Cairn.Core.Registry;

namespace Cairn.Core.Storage;

/// <summary>
/// What governs a project's registry beyond models and versions: signing keys and signatures, the
/// policy, promotion requests and reviews, model cards, retention policies and stored lineage edges.
/// Every call is bounded by the caller's project.
/// </summary>
public interface IRegistryGovernanceStore
{
    /// <summary>Adds a signing key; AlreadyExists when its name or fingerprint is taken in the project.</summary>
    Task AddSigningKeyAsync(long projectId, SigningKey key, CancellationToken ct);

    /// <summary>The project's signing keys, revoked ones included, by name.</summary>
    Task<IReadOnlyList<SigningKey>> ListSigningKeysAsync(long projectId, CancellationToken ct);

    /// <summary>Revokes a key; false when unknown or already revoked.</summary>
    Task<bool> RevokeSigningKeyAsync(long projectId, string keyId, long now, CancellationToken ct);

    /// <summary>Stores (or replaces) the signature of one key over a version; false when the version is unknown.</summary>
    Task<bool> AddSignatureAsync(long projectId, string name, long version, VersionSignature signature, CancellationToken ct);

    /// <summary>A version's signatures.</summary>
    Task<IReadOnlyList<VersionSignature>> SignaturesAsync(long projectId, string name, long version, CancellationToken ct);

    /// <summary>The project's policy document (JSON), or null when it never set one.</summary>
    Task<string?> GetPolicyAsync(long projectId, CancellationToken ct);

    /// <summary>Replaces the project's policy document.</summary>
    Task SetPolicyAsync(long projectId, string policyJson, string updatedBy, long now, CancellationToken ct);

    /// <summary>Opens a pending request; NotFound when the version is unknown.</summary>
    Task<PromotionRequest> CreatePromotionAsync(long projectId, string name, string alias, long version, string requestedBy, long now, CancellationToken ct);

    /// <summary>A request with its reviews, or null.</summary>
    Task<PromotionRequest?> GetPromotionAsync(long projectId, long id, CancellationToken ct);

    /// <summary>The pending request for moving <paramref name="alias"/> to <paramref name="version"/>, or null.</summary>
    Task<PromotionRequest?> FindPendingPromotionAsync(long projectId, string name, string alias, long version, CancellationToken ct);

    /// <summary>Requests of the project, newest first, optionally in one status.</summary>
    Task<IReadOnlyList<PromotionRequest>> ListPromotionsAsync(long projectId, string? status, int limit, CancellationToken ct);

    /// <summary>Records a review of a pending request (a reviewer's later review replaces the earlier); a rejection closes it. False when not pending.</summary>
    Task<bool> AddReviewAsync(long projectId, long id, PromotionReview review, CancellationToken ct);

    /// <summary>
    /// Points the alias at the version and, when <paramref name="requestId"/> is given, marks that request
    /// promoted and cancels other pending requests for the alias — one transaction. False when the version is unknown.
    /// </summary>
    Task<bool> PromoteAsync(long projectId, string name, string alias, long version, long? requestId, long now, CancellationToken ct);

    /// <summary>A version's card fields, or null when never edited.</summary>
    Task<ModelCardFields?> GetCardAsync(long projectId, string name, long version, CancellationToken ct);

    /// <summary>Replaces a version's card fields; false when the version is unknown.</summary>
    Task<bool> SetCardAsync(long projectId, string name, long version, ModelCardFields fields, CancellationToken ct);

    /// <summary>A model's retention policy, or null.</summary>
    Task<RetentionPolicy?> GetRetentionAsync(long projectId, string name, CancellationToken ct);

    /// <summary>Sets a model's retention policy; false when the model is unknown.</summary>
    Task<bool> SetRetentionAsync(long projectId, string name, RetentionPolicy policy, long now, CancellationToken ct);

    /// <summary>Records an edge from a version to a downstream node (idempotent); false when the version is unknown.</summary>
    Task<bool> AddVersionEdgeAsync(long projectId, string name, long version, string relation, string toKind, string toId, long now, CancellationToken ct);

    /// <summary>Removes one edge from a version (a deployment deleted); false when there was none.</summary>
    Task<bool> RemoveVersionEdgeAsync(long projectId, string name, long version, string relation, string toKind, string toId, CancellationToken ct);

    /// <summary>Edges leaving a version: (relation, kind, id).</summary>
    Task<IReadOnlyList<(string Relation, string Kind, string Id)>> EdgesFromVersionAsync(long projectId, string name, long version, CancellationToken ct);

    /// <summary>Versions with an edge to the node: (model name, version, relation).</summary>
    Task<IReadOnlyList<(string Name, long Version, string Relation)>> VersionsWithEdgeToAsync(long projectId, string toKind, string toId, CancellationToken ct);

    /// <summary>Datasets logged as inputs of a run.</summary>
    Task<IReadOnlyList<LineageDataset>> DatasetsOfRunAsync(long projectId, string runId, CancellationToken ct);

    /// <summary>A dataset by id, or null.</summary>
    Task<LineageDataset?> GetDatasetAsync(long projectId, string datasetId, CancellationToken ct);

    /// <summary>Runs (ids) that took the dataset as input, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> RunsOfDatasetAsync(long projectId, string datasetId, int limit, CancellationToken ct);

    /// <summary>Versions registered from a run: (model name, version).</summary>
    Task<IReadOnlyList<(string Name, long Version)>> VersionsOfRunAsync(long projectId, string runId, CancellationToken ct);
}

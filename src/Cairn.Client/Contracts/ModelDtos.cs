namespace Cairn.Client.Contracts;

/// <summary>A registered model: name, risk tier, owner, tags and aliases (alias → version).</summary>
public sealed record ModelDto(
    string Name, string Description, string RiskTier, string Owner, long CreationTime, long LastUpdatedTime,
    IReadOnlyDictionary<string, string> Tags, IReadOnlyDictionary<string, long> Aliases, long? LatestVersion);

/// <summary>A model version: where it came from, who registered it, its digest and signature state.</summary>
public sealed record ModelVersionDto(
    string Name, long Version, string Source, string? RunId, string? LoggedModelId, string Description, string Author, string Stage, string Status,
    string Digest, long CreationTime, long LastUpdatedTime, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Aliases);

/// <summary>One file of a version's manifest.</summary>
public sealed record ModelFileDto(string Path, string Sha256, long Size);

/// <summary>Body of <c>POST /api/v1/models</c>.</summary>
public sealed record CreateModelRequest(string? Name, string? Description = null, string? RiskTier = null, IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>Body of <c>PATCH /api/v1/models/{name}</c>.</summary>
public sealed record UpdateModelRequest(string? Description = null, string? RiskTier = null);

/// <summary>Body of <c>POST /api/v1/models/{name}/versions</c>: a source inside a run or logged model Cairn holds.</summary>
public sealed record RegisterVersionRequest(string? Source, string? RunId = null, string? Description = null, IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>Body of <c>POST /api/v1/models/{name}/versions/{version}/evaluations</c>: a run that evaluated the version.</summary>
public sealed record LinkRunRequest(string? RunId);

/// <summary>A version's model card: editable sections and the Markdown the server renders from registry data.</summary>
public sealed record ModelCardDto(ModelCardFieldsDto Fields, string Markdown);

/// <summary>The editable sections of a model card.</summary>
public sealed record ModelCardFieldsDto(
    string? Overview = null, string? IntendedUse = null, string? OutOfScopeUse = null, string? EthicalConsiderations = null, string? Limitations = null,
    IReadOnlyList<string>? Owners = null, string? UpdatedBy = null, long? UpdatedAt = null);

/// <summary>A model's retention policy.</summary>
public sealed record RetentionDto(int? KeepLast, int? KeepDays);

/// <summary>One version's fate under a retention run.</summary>
public sealed record RetentionDecisionDto(string Name, long Version, bool Delete, string Reason);

/// <summary>What a retention run did, or would do when <see cref="DryRun"/>.</summary>
public sealed record RetentionRunDto(bool DryRun, IReadOnlyList<RetentionDecisionDto> Decisions);

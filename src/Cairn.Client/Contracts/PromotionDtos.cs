namespace Cairn.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/models/{name}/promotions</c> and <c>PUT …/aliases/{alias}</c>.</summary>
public sealed record PromotionRequestBody(string? Alias, long? Version);

/// <summary>Body of <c>POST /api/v1/promotions/{id}/approve|reject</c>.</summary>
public sealed record ReviewRequest(string? Comment = null);

/// <summary>A promotion request with exactly what is still missing.</summary>
public sealed record PromotionDto(
    long? Id, string Name, string Alias, long Version, string Status, string? RequestedBy, long? CreatedAt,
    IReadOnlyList<ReviewDto> Reviews, IReadOnlyList<RequirementDto> Requirements, IReadOnlyList<string> Missing);

/// <summary>A reviewer's decision.</summary>
public sealed record ReviewDto(string Reviewer, string Decision, string Comment, long CreatedAt);

/// <summary>One requirement of a protected move and whether it holds.</summary>
public sealed record RequirementDto(string Kind, bool Met, string Detail);

/// <summary>The lineage graph around a node.</summary>
public sealed record LineageGraphDto(string Root, IReadOnlyList<LineageNodeDto> Nodes, IReadOnlyList<LineageEdgeDto> Edges, bool Truncated);

/// <summary>A lineage node; <see cref="Id"/> is <c>kind:key</c>.</summary>
public sealed record LineageNodeDto(string Id, string Kind, string Key, string Label, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A lineage edge, upstream to downstream.</summary>
public sealed record LineageEdgeDto(string From, string To, string Relation);

using Cairn.Client.Contracts;
using Cairn.Core.Registry;
using Cairn.Registry;

namespace Cairn.Server.Api;

/// <summary>Registry domain objects to the native wire contracts.</summary>
internal static class RegistryMapping
{
    public static ModelDto ToDto(this RegisteredModel m, long? latest = null) => new(
        m.Name, m.Description, m.RiskTier, m.Owner, m.CreationTime, m.LastUpdatedTime,
        m.Tags.ToDictionary(t => t.Key, t => t.Value), m.Aliases.ToDictionary(a => a.Alias, a => a.Version), latest);

    public static ModelVersionDto ToDto(this ModelVersion v) => new(
        v.Name, v.Version, v.Source, v.RunId, v.LoggedModelId, v.Description, v.Author, v.Stage, v.Status, v.Digest, v.CreationTime, v.LastUpdatedTime,
        v.Tags.ToDictionary(t => t.Key, t => t.Value), v.Aliases);

    public static SigningKeyDto ToDto(this SigningKey k) => new(k.Id, k.Name, k.PublicKeyPem, k.CreatedBy, k.CreatedAt, k.RevokedAt);

    public static SignatureStateDto ToDto(this SignatureState s) => new(s.KeyId, s.KeyName, s.SignedBy, s.CreatedAt, s.State);

    public static VerificationDto ToDto(this VersionVerification v) => new(
        v.Name, v.Version, v.Digest, v.Intact, v.Problem, v.Signed, v.SignatureRequired, v.Loadable, v.Signatures.Select(ToDto).ToList(),
        v.Files, v.BytesVerified, v.Seconds, v.Seconds > 0 ? v.BytesVerified / 1e6 / v.Seconds : 0);

    public static RegistryPolicyDto ToDto(this RegistryPolicy p) => new(
        p.RequireSignature, p.ProtectedAliases, p.Approvals, p.EvaluationGate.Select(t => new MetricThresholdDto(t.Metric, t.Op, t.Value)).ToList());

    public static PromotionDto ToDto(this PromotionView v) => new(
        v.Request?.Id, v.Name, v.Alias, v.Version, v.Status, v.Request?.RequestedBy, v.Request?.CreatedAt,
        v.Request?.Reviews.Select(r => new ReviewDto(r.Reviewer, r.Decision, r.Comment, r.CreatedAt)).ToList() ?? [],
        v.Requirements.Select(r => new RequirementDto(r.Kind, r.Met, r.Detail)).ToList(), v.Missing);

    public static ModelCardFieldsDto ToDto(this ModelCardFields f) =>
        new(f.Overview, f.IntendedUse, f.OutOfScopeUse, f.EthicalConsiderations, f.Limitations, f.Owners, f.UpdatedBy, f.UpdatedAt);

    public static ModelCardFields ToFields(this ModelCardFieldsDto? f) => f is null ? ModelCardFields.Empty : new(
        f.Overview ?? "", f.IntendedUse ?? "", f.OutOfScopeUse ?? "", f.EthicalConsiderations ?? "", f.Limitations ?? "", f.Owners ?? []);

    public static LineageGraphDto ToDto(this LineageGraph g) => new(
        g.Root, g.Nodes.Select(n => new LineageNodeDto(n.Id, n.Kind, n.Key, n.Label, n.Attributes)).ToList(),
        g.Edges.Select(e => new LineageEdgeDto(e.From, e.To, e.Relation)).ToList(), g.Truncated);

    public static RetentionRunDto ToDto(this IReadOnlyList<RetentionDecision> decisions, bool dryRun) =>
        new(dryRun, decisions.Select(d => new RetentionDecisionDto(d.Name, d.Version, d.Delete, d.Reason)).ToList());
}

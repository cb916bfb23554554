namespace Cairn.Core.Registry;

/// <summary>A request to point a protected alias at a version, with the reviews it has received.</summary>
/// <param name="Id">Number, unique in the instance.</param>
/// <param name="Name">Registered model.</param>
/// <param name="Alias">The protected alias.</param>
/// <param name="Version">The version it should point at.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Status">pending, promoted, rejected or cancelled (<see cref="PromotionStatus"/>).</param>
/// <param name="CreatedAt">ms since the epoch.</param>
/// <param name="UpdatedAt">ms since the epoch.</param>
/// <param name="Reviews">Approvals and rejections, oldest first.</param>
public sealed record PromotionRequest(
    long Id, string Name, string Alias, long Version, string RequestedBy, string Status, long CreatedAt, long UpdatedAt, IReadOnlyList<PromotionReview> Reviews);

/// <summary>One reviewer's decision on a promotion request.</summary>
/// <param name="Reviewer">Principal name.</param>
/// <param name="Decision">approve or reject.</param>
/// <param name="Comment">Free text.</param>
/// <param name="CreatedAt">ms since the epoch.</param>
public sealed record PromotionReview(string Reviewer, string Decision, string Comment, long CreatedAt);

/// <summary>States of a promotion request.</summary>
public static class PromotionStatus
{
    /// <summary>Waiting for approvals or other requirements.</summary>
    public const string Pending = "pending";

    /// <summary>The alias was moved.</summary>
    public const string Promoted = "promoted";

    /// <summary>A reviewer rejected it; a new request is needed.</summary>
    public const string Rejected = "rejected";

    /// <summary>The version or alias changed underneath it.</summary>
    public const string Cancelled = "cancelled";
}

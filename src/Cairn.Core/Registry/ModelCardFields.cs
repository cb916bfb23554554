namespace Cairn.Core.Registry;

/// <summary>The hand-written sections of a version's model card; everything else on the card comes from registry data.</summary>
/// <param name="Overview">What the model does.</param>
/// <param name="IntendedUse">Uses it was built and evaluated for.</param>
/// <param name="OutOfScopeUse">Uses it must not be put to.</param>
/// <param name="EthicalConsiderations">Risks, affected groups, mitigations.</param>
/// <param name="Limitations">Known weaknesses and caveats.</param>
/// <param name="Owners">People or teams answerable for it (the model's owner when empty).</param>
/// <param name="UpdatedBy">Who last edited the card, or null when never edited.</param>
/// <param name="UpdatedAt">ms since the epoch, or null.</param>
public sealed record ModelCardFields(
    string Overview, string IntendedUse, string OutOfScopeUse, string EthicalConsiderations, string Limitations, IReadOnlyList<string> Owners,
    string? UpdatedBy = null, long? UpdatedAt = null)
{
    /// <summary>A card nobody has written yet.</summary>
    public static ModelCardFields Empty { get; } = new("", "", "", "", "", []);
}

/// <summary>How many versions of a model to keep; versions with an alias or a deployment are always kept.</summary>
/// <param name="KeepLast">Keep the newest N versions, or null.</param>
/// <param name="KeepDays">Keep versions created in the last D days, or null.</param>
public sealed record RetentionPolicy(int? KeepLast, int? KeepDays);

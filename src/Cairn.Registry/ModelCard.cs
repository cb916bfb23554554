using Cairn.Core.Registry;

namespace Cairn.Registry;

/// <summary>
/// A version's model card: the hand-written sections (<see cref="Fields"/>) and everything the registry
/// knows — identity, integrity, training data, metrics overall and by slice, version history.
/// </summary>
/// <param name="Model">The registered model.</param>
/// <param name="Version">The version the card describes.</param>
/// <param name="Fields">Editable sections.</param>
/// <param name="Signed">Whether a valid signature by an active key exists.</param>
/// <param name="TrainingData">Datasets the source run took as input.</param>
/// <param name="Metrics">Overall metrics: key → (value, run).</param>
/// <param name="SliceMetrics">Per-slice metrics: (metric, slice) → value, from keys <c>metric/attribute:value</c>.</param>
/// <param name="History">Every version of the model, newest first.</param>
public sealed record ModelCard(
    RegisteredModel Model, ModelVersion Version, ModelCardFields Fields, bool Signed, IReadOnlyList<LineageDataset> TrainingData,
    IReadOnlyList<(string Metric, double Value, string RunId)> Metrics, IReadOnlyList<(string Metric, string Slice, double Value)> SliceMetrics,
    IReadOnlyList<ModelVersion> History)
{
    /// <summary>The written sections in card order: overview (the model's description until written), intended and out-of-scope use, ethics, limitations.</summary>
    public IReadOnlyList<(string Title, string Text)> Sections =>
    [
        ("Overview", Fields.Overview.Length > 0 ? Fields.Overview : Model.Description),
        ("Intended use", Fields.IntendedUse),
        ("Out-of-scope use", Fields.OutOfScopeUse),
        ("Ethical considerations", Fields.EthicalConsiderations),
        ("Limitations", Fields.Limitations),
    ];

    /// <summary>Who answers for the model: the card's owners, else the model's owner.</summary>
    public IReadOnlyList<string> Owners => Fields.Owners.Count > 0 ? Fields.Owners : [Model.Owner];

    /// <summary>
    /// Splits a metric key into metric and slice when it follows the slice convention
    /// <c>&lt;metric&gt;/&lt;attribute&gt;:&lt;value&gt;</c> (e.g. <c>accuracy/sex:female</c>).
    /// </summary>
    public static (string Metric, string? Slice) SplitSlice(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && key.IndexOf(':', slash) > slash + 1 ? (key[..slash], key[(slash + 1)..]) : (key, null);
    }
}

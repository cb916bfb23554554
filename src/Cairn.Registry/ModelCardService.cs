using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;

namespace Cairn.Registry;

/// <summary>Builds model cards from registry data and stores their editable sections per version.</summary>
public sealed class ModelCardService(IRegistryGovernanceStore store, RegistryService registry, PromotionService promotions, SigningService signing, TimeProvider time)
{
    /// <summary>The longest a section may be.</summary>
    public const int MaxSectionLength = 20_000;

    public async Task<ModelCard> BuildAsync(long project, string name, long version, CancellationToken ct)
    {
        var model = await registry.GetModelAsync(project, name, ct).ConfigureAwait(false);
        var target = await registry.GetVersionAsync(project, name, version, ct).ConfigureAwait(false);
        var fields = await store.GetCardAsync(project, name, version, ct).ConfigureAwait(false) ?? ModelCardFields.Empty;
        var signed = (await signing.StatesAsync(project, target, ct).ConfigureAwait(false)).Any(s => s.State == "valid");
        var datasets = target.RunId is null ? [] : await store.DatasetsOfRunAsync(project, target.RunId, ct).ConfigureAwait(false);
        var metrics = await promotions.MetricsAsync(project, target, ct).ConfigureAwait(false);
        var overall = new List<(string, double, string)>();
        var slices = new List<(string, string, double)>();
        foreach (var (key, (value, run)) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var (metric, slice) = ModelCard.SplitSlice(key);
            if (slice is null)
            {
                overall.Add((metric, value, run));
            }
            else
            {
                slices.Add((metric, slice, value));
            }
        }

        var history = (await registry.ListVersionsAsync(project, name, ct).ConfigureAwait(false)).OrderByDescending(v => v.Version).ToList();
        return new ModelCard(model, target, fields, signed, datasets, overall, slices, history);
    }

    /// <summary>Replaces the editable sections of a version's card.</summary>
    public async Task<ModelCardFields> SetFieldsAsync(long project, string name, long version, ModelCardFields fields, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var owners = fields.Owners ?? [];
        if (owners.Count > 20)
        {
            throw CairnException.Invalid("owners", "at most 20");
        }

        var checkedFields = new ModelCardFields(
            Names.OptionalText(fields.Overview, "overview", MaxSectionLength),
            Names.OptionalText(fields.IntendedUse, "intended_use", MaxSectionLength),
            Names.OptionalText(fields.OutOfScopeUse, "out_of_scope_use", MaxSectionLength),
            Names.OptionalText(fields.EthicalConsiderations, "ethical_considerations", MaxSectionLength),
            Names.OptionalText(fields.Limitations, "limitations", MaxSectionLength),
            owners.Select(o => Names.OptionalText(o, "owners", 200)).Where(o => o.Length > 0).ToList(),
            by, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!await store.SetCardAsync(project, name, version, checkedFields, ct).ConfigureAwait(false))
        {
            _ = await registry.GetVersionAsync(project, name, version, ct).ConfigureAwait(false);
        }

        return checkedFields;
    }
}

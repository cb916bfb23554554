using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Tracking;
using Cairn.Tracking.Search;

namespace Cairn.Registry;

public sealed partial class RegistryService
{
    public const int DefaultModelResults = 100;
    public const int DefaultVersionResults = 10_000;

    /// <summary>Registered models matching MLflow's filter, ordered by name (default) or <c>last_updated_timestamp</c>, one page.</summary>
    public async Task<(IReadOnlyList<RegisteredModel> Items, string? NextPageToken)> SearchModelsAsync(
        long project, string? filter, int? maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct)
    {
        var clauses = RegistryFilter.ParseModels(filter);
        var max = Max(maxResults, DefaultModelResults, 1000);
        var offset = PageToken.Decode(pageToken);
        var models = (await store.ListModelsAsync(project, ct).ConfigureAwait(false))
            .Where(m => RegistryFilter.Matches(clauses, key => key == "name" ? m.Name : null, m.Tags));
        var sorted = Order(models, orderBy, m => m.Name, m => m.LastUpdatedTime, m => m.CreationTime);
        var page = sorted.Skip(offset).Take(max + 1).ToList();
        return (page.Take(max).ToList(), page.Count > max ? PageToken.Encode(offset + max) : null);
    }

    /// <summary>Model versions matching MLflow's filter, by name then newest version first (default), one page.</summary>
    public async Task<(IReadOnlyList<ModelVersion> Items, string? NextPageToken)> SearchVersionsAsync(
        long project, string? filter, int? maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct)
    {
        var clauses = RegistryFilter.ParseVersions(filter);
        var max = Max(maxResults, DefaultVersionResults, 200_000);
        var offset = PageToken.Decode(pageToken);
        var exactName = clauses.FirstOrDefault(c => c.Entity == Core.Tracking.SearchEntity.Attribute && c.Key == "name" && c.Comparator == "=")?.Text;
        var versions = (await store.ListVersionsAsync(project, exactName, ct).ConfigureAwait(false))
            .Where(v => RegistryFilter.Matches(clauses, key => key switch { "name" => v.Name, "run_id" => v.RunId, _ => v.Source }, v.Tags));
        var sorted = orderBy is { Count: > 0 }
            ? Order(versions, orderBy, v => v.Name, v => v.LastUpdatedTime, v => v.CreationTime)
            : versions.OrderBy(v => v.Name, StringComparer.Ordinal).ThenByDescending(v => v.Version);
        var page = sorted.Skip(offset).Take(max + 1).ToList();
        return (page.Take(max).ToList(), page.Count > max ? PageToken.Encode(offset + max) : null);
    }

    private static int Max(int? requested, int fallback, int limit) => requested switch
    {
        null or 0 => fallback,
        < 0 or > 200_000 => throw CairnException.Invalid("max_results", $"Invalid value {requested} for parameter 'max_results' supplied. It must be between 1 and {limit}"),
        _ when requested > limit => throw CairnException.Invalid("max_results", $"Invalid value {requested} for parameter 'max_results' supplied. It must be at most {limit}"),
        _ => requested.Value,
    };

    private static IOrderedEnumerable<T> Order<T>(IEnumerable<T> items, IReadOnlyList<string>? orderBy, Func<T, string> name, Func<T, long> updated, Func<T, long> created)
    {
        IOrderedEnumerable<T>? sorted = null;
        foreach (var term in orderBy ?? [])
        {
            var parts = (term ?? string.Empty).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = parts.Length == 2 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
            if (parts.Length is 0 or > 2 || (parts.Length == 2 && !descending && !parts[1].Equals("ASC", StringComparison.OrdinalIgnoreCase)))
            {
                throw CairnException.Invalid("order_by", $"Invalid order_by clause '{term}': expected '<field> [ASC|DESC]'");
            }

            Func<T, IComparable> key = parts[0].ToLowerInvariant() switch
            {
                "name" => x => name(x),
                "last_updated_timestamp" or "timestamp" => x => updated(x),
                "creation_timestamp" => x => created(x),
                _ => throw CairnException.Invalid("order_by", $"Invalid order by key '{parts[0]}' specified. Valid keys are name, creation_timestamp, last_updated_timestamp"),
            };
            var comparer = Comparer<IComparable>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b));
            sorted = (sorted, descending) switch
            {
                (null, false) => items.OrderBy(key, comparer),
                (null, true) => items.OrderByDescending(key, comparer),
                (_, false) => sorted.ThenBy(key, comparer),
                _ => sorted.ThenByDescending(key, comparer),
            };
        }

        return sorted is null ? items.OrderBy(name, StringComparer.Ordinal) : sorted.ThenBy(name, StringComparer.Ordinal);
    }
}

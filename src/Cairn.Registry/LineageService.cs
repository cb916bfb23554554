using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;

namespace Cairn.Registry;

/// <summary>A node of the lineage graph; <see cref="Id"/> is <c>kind:key</c>.</summary>
/// <param name="Id">Unique in the graph.</param>
/// <param name="Kind">dataset, run, model_version or deployment.</param>
/// <param name="Key">The node's own id: dataset id, run id, <c>name/version</c>, deployment name.</param>
/// <param name="Label">What to show.</param>
/// <param name="Attributes">Facts worth showing (digest, source, status).</param>
public sealed record LineageNode(string Id, string Kind, string Key, string Label, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A directed edge, upstream to downstream.</summary>
/// <param name="From">Upstream node id.</param>
/// <param name="To">Downstream node id.</param>
/// <param name="Relation">input, produced, evaluated_by, deployed_as.</param>
public sealed record LineageLink(string From, string To, string Relation);

/// <summary>The graph around one node.</summary>
/// <param name="Root">The node asked about.</param>
/// <param name="Nodes">Every node reached.</param>
/// <param name="Edges">Every edge walked.</param>
/// <param name="Truncated">Whether the node budget stopped the walk.</param>
public sealed record LineageGraph(string Root, IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageLink> Edges, bool Truncated);

/// <summary>
/// Lineage dataset → run → model version → deployment, read from where each fact already lives (run
/// inputs, a version's source run) plus the stored edges from versions (deployments, evaluation runs).
/// Walks upstream (ancestors) and downstream (descendants) of a node, breadth first, within a depth and node budget.
/// </summary>
public sealed class LineageService(IRegistryGovernanceStore store, RegistryService registry, ITrackingStore tracking)
{
    /// <summary>The most nodes one answer holds.</summary>
    public const int MaxNodes = 500;

    public async Task<LineageGraph> GraphAsync(long project, string? kind, string? key, string? direction, int? depth, CancellationToken ct)
    {
        var checkedKind = LineageKinds.All.FirstOrDefault(k => k == kind)
            ?? throw CairnException.Invalid("kind", $"must be one of {string.Join(", ", LineageKinds.All)}");
        if (string.IsNullOrEmpty(key))
        {
            throw CairnException.Invalid("key", "is required (a dataset id, run id, model name/version or deployment name)");
        }

        var dir = direction ?? "both";
        if (dir is not ("up" or "down" or "both"))
        {
            throw CairnException.Invalid("direction", "must be up, down or both");
        }

        var maxDepth = depth ?? 5;
        if (maxDepth is < 1 or > 20)
        {
            throw CairnException.Invalid("depth", "must be between 1 and 20");
        }

        var root = await NodeAsync(project, checkedKind, key, ct).ConfigureAwait(false)
            ?? throw CairnException.NotFound(checkedKind.Replace('_', ' '), key);
        var nodes = new Dictionary<string, LineageNode> { [root.Id] = root };
        var edges = new HashSet<LineageLink>();
        var truncated = false;
        if (dir is "up" or "both")
        {
            truncated |= await WalkAsync(project, root, true, maxDepth, nodes, edges, ct).ConfigureAwait(false);
        }

        if (dir is "down" or "both")
        {
            truncated |= await WalkAsync(project, root, false, maxDepth, nodes, edges, ct).ConfigureAwait(false);
        }

        return new LineageGraph(root.Id, nodes.Values.ToList(), edges.ToList(), truncated);
    }

    private async Task<bool> WalkAsync(long project, LineageNode root, bool up, int maxDepth, Dictionary<string, LineageNode> nodes, HashSet<LineageLink> edges, CancellationToken ct)
    {
        var frontier = new List<LineageNode> { root };
        var seen = new HashSet<string> { root.Id };
        for (var level = 0; level < maxDepth && frontier.Count > 0; level++)
        {
            var next = new List<LineageNode>();
            foreach (var node in frontier)
            {
                foreach (var (neighbour, relation) in await NeighboursAsync(project, node, up, ct).ConfigureAwait(false))
                {
                    edges.Add(up ? new LineageLink(neighbour.Id, node.Id, relation) : new LineageLink(node.Id, neighbour.Id, relation));
                    if (!seen.Add(neighbour.Id))
                    {
                        continue;
                    }

                    if (nodes.Count >= MaxNodes)
                    {
                        return true;
                    }

                    nodes.TryAdd(neighbour.Id, neighbour);
                    next.Add(neighbour);
                }
            }

            frontier = next;
        }

        return false;
    }

    private async Task<List<(LineageNode Node, string Relation)>> NeighboursAsync(long project, LineageNode node, bool up, CancellationToken ct)
    {
        var result = new List<(LineageNode, string)>();
        async Task Add(string kind, string key, string relation)
        {
            if (await NodeAsync(project, kind, key, ct).ConfigureAwait(false) is { } n)
            {
                result.Add((n, relation));
            }
        }

        switch (node.Kind, up)
        {
            case (LineageKinds.Run, true):
                foreach (var d in await store.DatasetsOfRunAsync(project, node.Key, ct).ConfigureAwait(false))
                {
                    result.Add((Dataset(d), LineageRelations.Input));
                }

                foreach (var (name, version, relation) in await store.VersionsWithEdgeToAsync(project, LineageKinds.Run, node.Key, ct).ConfigureAwait(false))
                {
                    await Add(LineageKinds.ModelVersion, VersionKey(name, version), relation).ConfigureAwait(false);
                }

                break;
            case (LineageKinds.Run, false):
                foreach (var (name, version) in await store.VersionsOfRunAsync(project, node.Key, ct).ConfigureAwait(false))
                {
                    await Add(LineageKinds.ModelVersion, VersionKey(name, version), LineageRelations.Produced).ConfigureAwait(false);
                }

                break;
            case (LineageKinds.Dataset, false):
                foreach (var run in await store.RunsOfDatasetAsync(project, node.Key, MaxNodes, ct).ConfigureAwait(false))
                {
                    await Add(LineageKinds.Run, run, LineageRelations.Input).ConfigureAwait(false);
                }

                break;
            case (LineageKinds.ModelVersion, true):
                if (node.Attributes.TryGetValue("run_id", out var source))
                {
                    await Add(LineageKinds.Run, source, LineageRelations.Produced).ConfigureAwait(false);
                }

                break;
            case (LineageKinds.ModelVersion, false):
                var (model, number) = ParseVersionKey(node.Key);
                foreach (var (relation, kind, id) in await store.EdgesFromVersionAsync(project, model, number, ct).ConfigureAwait(false))
                {
                    if (kind == LineageKinds.Deployment)
                    {
                        result.Add((Deployment(id), relation));
                    }
                    else
                    {
                        await Add(kind, id, relation).ConfigureAwait(false);
                    }
                }

                break;
            case (LineageKinds.Deployment, true):
                foreach (var (name, version, relation) in await store.VersionsWithEdgeToAsync(project, LineageKinds.Deployment, node.Key, ct).ConfigureAwait(false))
                {
                    await Add(LineageKinds.ModelVersion, VersionKey(name, version), relation).ConfigureAwait(false);
                }

                break;
        }

        return result;
    }

    private async Task<LineageNode?> NodeAsync(long project, string kind, string key, CancellationToken ct)
    {
        switch (kind)
        {
            case LineageKinds.Dataset:
                return await store.GetDatasetAsync(project, key, ct).ConfigureAwait(false) is { } d ? Dataset(d) : null;
            case LineageKinds.Run:
                if (await tracking.GetRunAsync(project, key, ct).ConfigureAwait(false) is not { } run)
                {
                    return null;
                }

                return new LineageNode($"run:{key}", kind, key, run.Info.RunName, new Dictionary<string, string>
                {
                    ["experiment_id"] = run.Info.ExperimentId.ToString(CultureInfo.InvariantCulture),
                    ["status"] = run.Info.Status,
                    ["lifecycle_stage"] = run.Info.LifecycleStage,
                });
            case LineageKinds.ModelVersion:
                var (name, number) = ParseVersionKey(key);
                try
                {
                    var v = await registry.GetVersionAsync(project, name, number, ct).ConfigureAwait(false);
                    var attributes = new Dictionary<string, string> { ["digest"] = v.Digest, ["author"] = v.Author };
                    if (v.RunId is not null)
                    {
                        attributes["run_id"] = v.RunId;
                    }

                    if (v.Aliases.Count > 0)
                    {
                        attributes["aliases"] = string.Join(",", v.Aliases);
                    }

                    return new LineageNode($"model_version:{VersionKey(name, number)}", kind, VersionKey(name, number), $"{name} v{number}", attributes);
                }
                catch (CairnException e) when (e.Kind == ErrorKind.NotFound)
                {
                    return null;
                }

            default:
                return Deployment(key);
        }
    }

    private static LineageNode Dataset(LineageDataset d) => new(
        $"dataset:{d.Id}", LineageKinds.Dataset, d.Id, d.Name,
        new Dictionary<string, string> { ["digest"] = d.Digest, ["source_type"] = d.SourceType, ["source"] = d.Source });

    private static LineageNode Deployment(string name) => new($"deployment:{name}", LineageKinds.Deployment, name, name, new Dictionary<string, string>());

    /// <summary>The wire key of a version node, <c>name/version</c>.</summary>
    public static string VersionKey(string name, long version) => $"{name}/{version.ToString(CultureInfo.InvariantCulture)}";

    private static (string Name, long Version) ParseVersionKey(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0)
        {
            throw CairnException.Invalid("key", "a model version is named name/version, e.g. fraud/3");
        }

        return (RegistryValidation.Name(key[..slash], "key"), RegistryValidation.Version(key[(slash + 1)..], "key"));
    }
}

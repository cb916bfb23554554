using Cairn.Client.Contracts;
using Cairn.Core.Tracking;

namespace Cairn.Server.Api;

/// <summary>Tracking domain objects to the native wire contracts.</summary>
internal static class TrackingMapping
{
    public static ExperimentDto ToDto(this Experiment e) =>
        new(e.Id, e.Name, e.ArtifactLocation, e.LifecycleStage, e.CreationTime, e.LastUpdateTime, e.Tags.ToDictionary(t => t.Key, t => t.Value));

    public static RunDto ToDto(this Run r) => new(
        r.Info.RunId, r.Info.ExperimentId, r.Info.RunName, r.Info.UserId, r.Info.Status, r.Info.StartTime, r.Info.EndTime, r.Info.ArtifactUri, r.Info.LifecycleStage,
        r.Metrics.ToDictionary(m => m.Key, m => new MetricValueDto(m.Value, m.Step, m.Timestamp)),
        r.Params.ToDictionary(p => p.Key, p => p.Value),
        r.Tags.ToDictionary(t => t.Key, t => t.Value));

    public static List<KeyValue>? Pairs(IReadOnlyDictionary<string, string>? values) => values?.Select(kv => new KeyValue(kv.Key, kv.Value)).ToList();
}

using System.Globalization;
using Cairn.Core.Registry;

namespace Cairn.Mlflow.Wire;

#pragma warning disable SA1402, CA1812 // wire records of one API are kept together; instantiated by the JSON serializer

/// <summary>MLflow's <c>ModelVersion</c>; <c>version</c> is a string.</summary>
public sealed record WireModelVersion(
    string Name, string Version, long CreationTimestamp, long LastUpdatedTimestamp, string? UserId, string CurrentStage, string? Description,
    string Source, string? RunId, string Status, IReadOnlyList<WireKeyValue>? Tags, IReadOnlyList<string>? Aliases, string? ModelId)
{
    public static WireModelVersion From(ModelVersion v) => new(
        v.Name, v.Version.ToString(CultureInfo.InvariantCulture), v.CreationTime, v.LastUpdatedTime, v.Author, v.Stage, v.Description.Length == 0 ? null : v.Description,
        v.Source, v.RunId, v.Status, MlflowJson.NonEmpty(v.Tags.Select(t => new WireKeyValue(t.Key, t.Value))), MlflowJson.NonEmpty(v.Aliases), v.LoggedModelId);
}

/// <summary>MLflow's <c>RegisteredModelAlias</c>.</summary>
public sealed record WireAlias(string Alias, string Version);

/// <summary>MLflow's <c>RegisteredModel</c>.</summary>
public sealed record WireRegisteredModel(
    string Name, long CreationTimestamp, long LastUpdatedTimestamp, string? UserId, string? Description,
    IReadOnlyList<WireModelVersion>? LatestVersions, IReadOnlyList<WireKeyValue>? Tags, IReadOnlyList<WireAlias>? Aliases)
{
    public static WireRegisteredModel From(RegisteredModel m, IReadOnlyList<ModelVersion>? latest = null) => new(
        m.Name, m.CreationTime, m.LastUpdatedTime, m.Owner, m.Description.Length == 0 ? null : m.Description,
        MlflowJson.NonEmpty((latest ?? []).Select(WireModelVersion.From)),
        MlflowJson.NonEmpty(m.Tags.Select(t => new WireKeyValue(t.Key, t.Value))),
        MlflowJson.NonEmpty(m.Aliases.Select(a => new WireAlias(a.Alias, a.Version.ToString(CultureInfo.InvariantCulture)))));
}

public sealed record RegisteredModelBody(string? Name, string? NewName, string? Description, IReadOnlyList<WireKeyValue>? Tags, string? Key, string? Value, string? Alias, string? Version);

public sealed record CreateModelVersionBody(
    string? Name, string? Source, string? RunId, IReadOnlyList<WireKeyValue>? Tags, string? RunLink, string? Description, string? ModelId);

public sealed record ModelVersionBody(string? Name, string? Version, string? Description, string? Stage, bool? ArchiveExistingVersions, string? Key, string? Value);

public sealed record LatestVersionsBody(string? Name, IReadOnlyList<string>? Stages);

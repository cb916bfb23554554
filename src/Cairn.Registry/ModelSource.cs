using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Cairn.Tracking;
using Cairn.Tracking.Artifacts;

namespace Cairn.Registry;

/// <summary>
/// Where a new version's files come from. Only trees Cairn already holds are accepted: a run's
/// artifacts (<c>runs:/&lt;run&gt;/&lt;path&gt;</c>, <c>mlflow-artifacts:/&lt;exp&gt;/&lt;run&gt;/artifacts/&lt;path&gt;</c>) or a
/// logged model (<c>models:/m-…</c>, <c>mlflow-artifacts:/&lt;exp&gt;/models/m-…/artifacts</c>). Local paths,
/// <c>file://</c> and every other scheme are refused before anything is read: the server never opens
/// a client-named file or fetches a client-named URL (MLflow's CVE-2023-1177, -6015, -6018).
/// </summary>
/// <param name="Owner">The run or logged model whose tree holds the files.</param>
/// <param name="Prefix">Path inside that tree (a directory or one file), or null for the whole tree.</param>
public sealed record ModelSource(ArtifactOwner Owner, string? Prefix)
{
    public const string Rule =
        "must be runs:/<run_id>/<path>, mlflow-artifacts:/<experiment_id>/<run_id>/artifacts/<path>, models:/<model_id> or " +
        "mlflow-artifacts:/<experiment_id>/models/<model_id>/artifacts: a tree Cairn holds; local paths and other URLs are never read";

    /// <summary>Parses a source URI; the experiment of an <c>mlflow-artifacts</c> path is returned for checking against the owner.</summary>
    public static (ModelSource Source, long? Experiment) Parse(string? source)
    {
        if (string.IsNullOrEmpty(source))
        {
            throw CairnException.Invalid("source", "Missing value for required parameter 'source'. " + Rule);
        }

        if (source.StartsWith("runs:/", StringComparison.Ordinal))
        {
            var rest = source["runs:/".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var runId = TrackingService.RunId(slash < 0 ? rest : rest[..slash], "source");
            var path = slash < 0 || slash == rest.Length - 1 ? null : ArtifactPath.Normalize(rest[(slash + 1)..], "source");
            return (new ModelSource(ArtifactOwner.Run(runId), path), null);
        }

        if (source.StartsWith("models:/m-", StringComparison.Ordinal) && !source["models:/".Length..].Contains('/', StringComparison.Ordinal))
        {
            return (new ModelSource(ArtifactOwner.Model(LoggedModelIds.Check(source["models:/".Length..], "source")), null), null);
        }

        // mlflow-artifacts:/<path> only; a host (mlflow-artifacts://host/…) would be a client-chosen server.
        if (source.StartsWith("mlflow-artifacts:/", StringComparison.Ordinal) && !source.StartsWith("mlflow-artifacts://", StringComparison.Ordinal))
        {
            var proxy = ProxyPath.Parse(source["mlflow-artifacts:/".Length..], fileRequired: false);
            return (new ModelSource(proxy.Owner, proxy.Relative), proxy.Experiment);
        }

        throw CairnException.Invalid("source", $"'{Shorten(source)}' {Rule}");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

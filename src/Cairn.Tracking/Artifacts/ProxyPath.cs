using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;

namespace Cairn.Tracking.Artifacts;

/// <summary>
/// A path under the MLflow artifact proxy: a run's tree <c>&lt;experiment&gt;/&lt;run_id&gt;/artifacts[/&lt;file&gt;]</c>
/// (from a run's <c>mlflow-artifacts:/&lt;experiment&gt;/&lt;run&gt;/artifacts</c> URI) or a logged model's tree
/// <c>&lt;experiment&gt;/models/&lt;model_id&gt;/artifacts[/&lt;file&gt;]</c> (MLflow 3.x).
/// </summary>
/// <param name="Experiment">Experiment number.</param>
/// <param name="Owner">The run or logged model.</param>
/// <param name="Relative">Path inside the tree, or null for its root.</param>
public sealed record ProxyPath(long Experiment, ArtifactOwner Owner, string? Relative)
{
    public static ProxyPath Parse(string? path, bool fileRequired)
    {
        var normalized = ArtifactPath.Normalize(path, "path");
        var parts = normalized.Split('/', 5);
        ProxyPath? parsed = null;
        if (parts.Length >= 3 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var experiment))
        {
            if (parts[1] == "models" && parts.Length >= 4 && parts[3] == "artifacts")
            {
                var owner = ArtifactOwner.Model(LoggedModelIds.Check(parts[2], "path"));
                parsed = new ProxyPath(experiment, owner, parts.Length == 5 ? parts[4] : null);
            }
            else if (parts[2] == "artifacts")
            {
                var owner = ArtifactOwner.Run(TrackingService.RunId(parts[1], "path"));
                parsed = new ProxyPath(experiment, owner, parts.Length >= 4 ? string.Join('/', parts[3..]) : null);
            }
        }

        if (parsed is null)
        {
            throw CairnException.Invalid("path", "must be '<experiment_id>/<run_id>/artifacts/<file>' or '<experiment_id>/models/<model_id>/artifacts/<file>', the artifact tree of a run's or logged model's mlflow-artifacts URI");
        }

        return fileRequired && parsed.Relative is null
            ? throw CairnException.Invalid("path", $"must name a file inside the {(parsed.Owner.IsModel ? "logged model's" : "run's")} artifacts")
            : parsed;
    }
}

using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Tracking.Artifacts;

/// <summary>
/// A path under the MLflow artifact proxy: <c>&lt;experiment&gt;/&lt;run_id&gt;/artifacts[/&lt;file&gt;]</c>, which is
/// what the client makes of a run's <c>mlflow-artifacts:/&lt;experiment&gt;/&lt;run&gt;/artifacts</c> URI.
/// </summary>
/// <param name="Experiment">Experiment number.</param>
/// <param name="RunId">The run.</param>
/// <param name="Relative">Path inside the run's tree, or null for its root.</param>
public sealed record ProxyPath(long Experiment, string RunId, string? Relative)
{
    public static ProxyPath Parse(string? path, bool fileRequired)
    {
        var normalized = ArtifactPath.Normalize(path, "path");
        var parts = normalized.Split('/', 4);
        if (parts.Length < 3 || parts[2] != "artifacts" || !long.TryParse(parts[0], out var experiment))
        {
            throw CairnException.Invalid("path", "must be '<experiment_id>/<run_id>/artifacts/<file>', the run artifact tree of a run's mlflow-artifacts URI");
        }

        var runId = TrackingService.RunId(parts[1], "path");
        var relative = parts.Length == 4 ? parts[3] : null;
        return fileRequired && relative is null ? throw CairnException.Invalid("path", "must name a file inside the run's artifacts") : new ProxyPath(experiment, runId, relative);
    }
}

using Cairn.Core.Evaluation;

namespace Cairn.Core.Storage;

/// <summary>Versions of evaluation datasets, per project.</summary>
public interface IEvaluationDatasetStore
{
    /// <summary>
    /// Adds <paramref name="dataset"/> as the next version of its name, unless a version with the same digest exists:
    /// then that version is returned and nothing is written. The version number in the argument is ignored.
    /// </summary>
    Task<EvaluationDataset> AddAsync(long projectId, EvaluationDataset dataset, CancellationToken ct);

    /// <summary>A version, or the latest when <paramref name="version"/> is null; null when there is none.</summary>
    Task<EvaluationDataset?> GetAsync(long projectId, string name, long? version, CancellationToken ct);

    /// <summary>Every version of every dataset of the project, by name then version.</summary>
    Task<IReadOnlyList<EvaluationDataset>> ListAsync(long projectId, CancellationToken ct);
}

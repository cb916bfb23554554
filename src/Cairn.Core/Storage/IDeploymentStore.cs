using Cairn.Core.Serving;

namespace Cairn.Core.Storage;

/// <summary>Deployments, bounded by project.</summary>
public interface IDeploymentStore
{
    /// <summary>Adds a deployment; <see cref="Errors.ErrorKind.AlreadyExists"/> when the name is taken.</summary>
    Task CreateAsync(long projectId, Deployment deployment, CancellationToken ct);

    /// <summary>One deployment, or null.</summary>
    Task<Deployment?> GetAsync(long projectId, string name, CancellationToken ct);

    /// <summary>The project's deployments by name.</summary>
    Task<IReadOnlyList<Deployment>> ListAsync(long projectId, CancellationToken ct);

    /// <summary>Every deployment of every project, for loading at start.</summary>
    Task<IReadOnlyList<(long ProjectId, Deployment Deployment)>> ListAllAsync(CancellationToken ct);

    /// <summary>Removes a deployment; false when there was none.</summary>
    Task<bool> DeleteAsync(long projectId, string name, CancellationToken ct);
}

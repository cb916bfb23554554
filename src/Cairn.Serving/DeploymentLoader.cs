using Cairn.Core.Access;
using Cairn.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cairn.Serving;

/// <summary>
/// Loads every stored deployment when the server starts, in the background: the server is live at once,
/// and each deployment turns ready when its model has passed the load check and its session exists.
/// </summary>
public sealed partial class DeploymentLoader(IDeploymentStore store, IProjectStore projects, DeploymentService deployments, ILogger<DeploymentLoader> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var names = (await projects.ListProjectsAsync(stoppingToken).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Name);
            foreach (var (projectId, deployment) in await store.ListAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var system = new Caller(0, "system", 0, "cairn", true, projectId, names.GetValueOrDefault(projectId, "?"), ProjectRole.Owner, Scope.All, null);
                var served = await deployments.LoadAsync(system, deployment, stoppingToken).ConfigureAwait(false);
                if (!served.Ready)
                {
                    LogNotReady(log, deployment.Name, served.Problem!);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Deployment} is not ready: {Problem}")]
    private static partial void LogNotReady(ILogger logger, string deployment, string problem);
}

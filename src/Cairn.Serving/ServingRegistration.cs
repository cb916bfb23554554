using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cairn.Serving;

/// <summary>Registers serving: the deployment host, the service, and the loader that brings deployments up at start.</summary>
public static class ServingRegistration
{
    public static IHostApplicationBuilder AddCairnServing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DeploymentHost>();
        builder.Services.AddSingleton<DeploymentService>();
        builder.Services.AddSingleton<ServingMetrics>();
        builder.Services.AddHostedService<DeploymentLoader>();
        return builder;
    }
}

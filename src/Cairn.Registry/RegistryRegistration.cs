using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cairn.Registry;

/// <summary>Registers the model registry.</summary>
public static class RegistryRegistration
{
    public static IHostApplicationBuilder AddCairnRegistry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<RegistryService>();
        return builder;
    }
}

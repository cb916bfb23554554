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
        builder.Services.AddSingleton<PolicyService>();
        builder.Services.AddSingleton<SigningService>();
        builder.Services.AddSingleton<LoadGuard>();
        builder.Services.AddSingleton<PromotionService>();
        builder.Services.AddSingleton<LineageService>();
        builder.Services.AddSingleton<ModelCardService>();
        builder.Services.AddSingleton<RetentionService>();
        return builder;
    }
}

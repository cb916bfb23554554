using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cairn.Tracking;

/// <summary>Registers experiment tracking.</summary>
public static class TrackingRegistration
{
    public static IHostApplicationBuilder AddCairnTracking(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TrackingService>();
        builder.Services.AddSingleton<LoggedModelService>();
        builder.Services.AddOptions<Artifacts.ArtifactOptions>().Bind(builder.Configuration.GetSection(Artifacts.ArtifactOptions.Section))
            .Validate(o => o.MaxArtifactBytes > 0, "Cairn:Artifacts:MaxArtifactBytes must be positive").ValidateOnStart();
        builder.Services.AddSingleton<Artifacts.ArtifactService>();
        return builder;
    }
}

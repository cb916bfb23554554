using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Governance.Keys;
using Cairn.Governance.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Cairn.Governance;

/// <summary>Registers access control, sessions and the audit log.</summary>
public static class GovernanceRegistration
{
    /// <summary>Binds <c>Cairn:Governance</c> and registers the services.</summary>
    public static IHostApplicationBuilder AddCairnGovernance(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCairnGovernance(builder.Configuration.GetSection(GovernanceOptions.Section));
        return builder;
    }

    /// <summary>The same, for a bare service collection (tools and tests).</summary>
    public static IServiceCollection AddCairnGovernance(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section)
    {
        services.AddOptions<GovernanceOptions>().Bind(section)
            .Validate(o => o.KeyCacheSeconds is >= 0 and <= 3600, "Cairn:Governance:KeyCacheSeconds must be between 0 and 3600")
            .Validate(o => o.SessionHours is > 0 and <= 720, "Cairn:Governance:SessionHours must be between 0 and 720")
            .Validate(o => o.AuditBatchSize is >= 1 and <= 10_000, "Cairn:Governance:AuditBatchSize must be between 1 and 10000")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CallerCache>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<AccessService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<AdminBootstrap>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        return services;
    }
}

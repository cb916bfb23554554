using Cairn.Core.Storage;
using Cairn.Storage.Artifacts;
using Cairn.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cairn.Storage;

/// <summary>Registers the configured stores.</summary>
public static class StorageRegistration
{
    /// <summary>Binds <c>Cairn:Storage</c>, validates it at start, and registers the SQL stores and the artifact store.</summary>
    public static IHostApplicationBuilder AddCairnStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCairnStorage(builder.Configuration.GetSection(StorageOptions.Section));
        return builder;
    }

    /// <summary>The same, for hosts without a builder (the CLI's <c>db upgrade</c>).</summary>
    public static IServiceCollection AddCairnStorage(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section)
    {
        services.AddOptions<StorageOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IDatabaseStatus, DatabaseStatus>();
        services.AddSingleton<IProjectStore, SqlProjectStore>();
        services.AddSingleton<IKeyStore, SqlKeyStore>();
        services.AddSingleton<ISessionStore, SqlSessionStore>();
        services.AddSingleton<IAuditStore, SqlAuditStore>();
        services.AddSingleton<ITrackingStore, Sql.Tracking.SqlTrackingStore>();
        services.AddSingleton<IArtifactTreeStore, Sql.Tracking.SqlArtifactTreeStore>();
        services.AddSingleton<ILoggedModelStore, Sql.Tracking.SqlLoggedModelStore>();
        services.AddSingleton<Sql.Registry.RegistryReadCache>();
        services.AddSingleton<IRegistryStore, Sql.Registry.SqlRegistryStore>();
        services.AddSingleton<IRegistryGovernanceStore, Sql.Registry.SqlRegistryGovernanceStore>();
        services.AddSingleton<IDeploymentStore, Sql.Serving.SqlDeploymentStore>();
        services.AddSingleton<IEvaluationDatasetStore, Sql.Evaluation.SqlEvaluationDatasetStore>();
        services.AddSingleton<IReviewStore, Sql.Evaluation.SqlReviewStore>();
        services.AddSingleton<IGuardrailStore, Sql.Guardrails.SqlGuardrailStore>();
        services.AddSingleton<IArtifactStore, FileArtifactStore>();
        return services;
    }
}

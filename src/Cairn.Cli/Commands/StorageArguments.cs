using System.CommandLine;
using Cairn.Server.Hosting;
using Cairn.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Cli.Commands;

/// <summary>The storage options shared by <c>server</c>, <c>db upgrade</c> and offline <c>audit verify</c>.</summary>
public sealed class StorageArguments
{
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "Data directory (default ./cairn-data)" };

    public Option<string?> Provider { get; } = new("--storage-provider") { Description = "sqlite (default) or postgres" };

    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "PostgreSQL connection string" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(DataDir);
        command.Add(Provider);
        command.Add(ConnectionString);
    }

    public bool AnyGiven(ParseResult parse) =>
        parse.GetValue(DataDir) is not null || parse.GetValue(Provider) is not null || parse.GetValue(ConnectionString) is not null;

    /// <summary>The given options as server arguments.</summary>
    public List<string> ToArgs(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var args = new List<string>();
        foreach (var option in new[] { DataDir, Provider, ConnectionString })
        {
            if (parse.GetValue(option) is { } value)
            {
                args.Add(option.Name);
                args.Add(value);
            }
        }

        return args;
    }

    /// <summary>A service provider with just the stores, configured like the server (environment, then these options).</summary>
    public ServiceProvider BuildStorage(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(ToArgs(parse).ToArray(), ServerDefaults.Switches.ToDictionary(k => k.Key, v => v.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCairnStorage(configuration.GetSection(StorageOptions.Section));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}

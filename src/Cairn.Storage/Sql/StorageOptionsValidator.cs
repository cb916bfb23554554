using Microsoft.Extensions.Options;

namespace Cairn.Storage.Sql;

/// <summary>Fails start-up with a message that lists the valid values.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public static readonly string[] Providers = ["sqlite", "postgres"];

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Cairn:Storage:Provider '{options.Provider}' is not valid; valid values are: {string.Join(", ", Providers)}");
        }
        else if (options.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Cairn:Storage:ConnectionString is required when Cairn:Storage:Provider is 'postgres' (e.g. 'Host=127.0.0.1;Database=cairn;Username=cairn;Password=...')");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Cairn:Storage:DataDirectory must not be empty");
        }

        if (options.SqliteSynchronous is not ("normal" or "full"))
        {
            errors.Add($"Cairn:Storage:SqliteSynchronous '{options.SqliteSynchronous}' is not valid; valid values are: normal, full");
        }

        if (options.RegistryCacheSeconds is < 0 or > 3600 || double.IsNaN(options.RegistryCacheSeconds))
        {
            errors.Add($"Cairn:Storage:RegistryCacheSeconds '{options.RegistryCacheSeconds}' is not valid; it must be between 0 and 3600");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

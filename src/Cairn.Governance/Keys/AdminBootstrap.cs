using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Microsoft.Extensions.Options;

namespace Cairn.Governance.Keys;

/// <summary>
/// On an empty database, creates the first administrator, the default project and an admin key:
/// the key from <c>CAIRN_ADMIN_KEY</c> when set, otherwise a new one returned to be printed once.
/// </summary>
public sealed class AdminBootstrap(IKeyStore keys, IOptions<GovernanceOptions> options, TimeProvider time)
{
    /// <summary>The environment variable that supplies the first admin key.</summary>
    public const string AdminKeyVariable = "CAIRN_ADMIN_KEY";

    /// <summary>The shortest supplied admin key accepted.</summary>
    public const int MinSuppliedLength = 24;

    /// <summary>Runs the bootstrap; returns the generated secret when one was created and must be shown, else null.</summary>
    public async Task<(bool Created, string? GeneratedSecret)> RunAsync(string? suppliedKey, CancellationToken ct)
    {
        if (suppliedKey is not null && suppliedKey.Trim().Length is < MinSuppliedLength or > Access.CallerResolver.MaxSecretLength)
        {
            throw CairnException.Invalid(AdminKeyVariable, $"must be {MinSuppliedLength} to {Access.CallerResolver.MaxSecretLength} characters");
        }

        var secret = string.IsNullOrWhiteSpace(suppliedKey) ? ApiKeySecret.Generate() : suppliedKey.Trim();
        var o = options.Value;
        var created = await keys.BootstrapAsync(
            o.AdminName, o.DefaultProject, ApiKeySecret.PrefixOf(secret), ApiKeySecret.Hash(secret), time.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return (created, created && string.IsNullOrWhiteSpace(suppliedKey) ? secret : null);
    }
}

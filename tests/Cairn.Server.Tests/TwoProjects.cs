using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;

namespace Cairn.Server.Tests;

/// <summary>A server with projects <c>alpha</c> and <c>beta</c>, each with an owner holding an all-scope key.</summary>
internal sealed class TwoProjects : IAsyncDisposable
{
    private TwoProjects(CairnTestHost host, string alphaKey, string betaKey, KeyDto betaKeyInfo)
    {
        Host = host;
        AlphaKey = alphaKey;
        BetaKey = betaKey;
        BetaKeyInfo = betaKeyInfo;
    }

    public CairnTestHost Host { get; }

    public string AlphaKey { get; }

    public string BetaKey { get; }

    public KeyDto BetaKeyInfo { get; }

    public static async Task<TwoProjects> StartAsync()
    {
        var host = await CairnTestHost.StartAsync();
        using var admin = new CairnClient(host.BaseUrl, host.AdminKey);
        var keys = new List<CreatedKeyDto>();
        foreach (var (project, owner) in new[] { ("alpha", "alice"), ("beta", "bert") })
        {
            await admin.CreateProjectAsync(project);
            await admin.SetMemberAsync(project, owner, "owner");
            keys.Add(await admin.CreateKeyAsync(project, new CreateKeyRequest($"{owner} key", ["read", "write", "deploy", "admin"], owner)));
        }

        return new TwoProjects(host, keys[0].Secret, keys[1].Secret, keys[1].Key);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

using System.Net;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>A key's rights are its scopes within its holder's role; refusals say which was missing.</summary>
public sealed class ScopeAndRoleTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private CairnClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync();
        _admin = new CairnClient(_host.BaseUrl, _host.AdminKey);
        await _admin.CreateProjectAsync("alpha");
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<string> KeyFor(string principal, string role, params string[] scopes)
    {
        await _admin.SetMemberAsync("alpha", principal, role);
        return (await _admin.CreateKeyAsync("alpha", new CreateKeyRequest("k", scopes, principal))).Secret;
    }

    [Fact]
    public async Task ViewerKey_ReadsButCannotAdminister()
    {
        using var viewer = _host.Client(await KeyFor("vic", "viewer", "read"));
        (await viewer.GetAsync("/api/v1/projects/alpha/members")).EnsureSuccessStatusCode();
        await (await viewer.GetAsync("/api/v1/projects/alpha/keys")).Problem(HttpStatusCode.Forbidden, "'admin' scope");
        await (await viewer.PutJson("/api/v1/projects/alpha/members/x", new SetMemberRequest("viewer"))).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OwnerWithReadOnlyKey_IsLimitedByTheKey()
    {
        using var limited = _host.Client(await KeyFor("olga", "owner", "read"));
        await (await limited.GetAsync("/api/v1/audit/verify")).Problem(HttpStatusCode.Forbidden, "key does not carry the 'admin' scope");
    }

    [Fact]
    public async Task RoleLoweredAfterKeyCreation_TakesEffectOnTheKey()
    {
        using var owner = _host.Client(await KeyFor("otto", "owner", "read", "admin"));
        (await owner.GetAsync("/api/v1/projects/alpha/keys")).EnsureSuccessStatusCode();
        await _admin.SetMemberAsync("alpha", "otto", "viewer");
        await (await owner.GetAsync("/api/v1/projects/alpha/keys")).Problem(HttpStatusCode.Forbidden, "role 'viewer'");
    }

    [Fact]
    public async Task KeyCreation_BeyondTheCallersOwnScopes_IsForbidden()
    {
        using var owner = _host.Client(await KeyFor("oona", "owner", "read", "admin"));
        await (await owner.PostJson("/api/v1/projects/alpha/keys", new CreateKeyRequest("wider", ["read", "deploy"])))
            .Problem(HttpStatusCode.Forbidden, "does not hold itself");
    }

    [Fact]
    public async Task KeyCreation_BeyondTheHoldersRole_IsInvalid()
    {
        await _admin.SetMemberAsync("alpha", "eve", "editor");
        using var admin = _host.Client(_host.AdminKey);
        var problem = await (await admin.PostJson("/api/v1/projects/alpha/keys", new CreateKeyRequest("k", ["deploy"], "eve")))
            .Problem(HttpStatusCode.BadRequest, "exceeds what the role");
        Assert.True(problem.Errors!.ContainsKey("scopes"));
    }

    [Fact]
    public async Task RevokedKey_IsRefusedAtOnce()
    {
        await _admin.SetMemberAsync("alpha", "rex", "editor");
        var created = await _admin.CreateKeyAsync("alpha", new CreateKeyRequest("k", ["read"], "rex"));
        using var rex = _host.Client(created.Secret);
        (await rex.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        await _admin.RevokeKeyAsync("alpha", created.Key.Id);
        await (await rex.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized, "revoked");
    }

    [Fact]
    public async Task BasicAuth_WithKeyAsPassword_AuthenticatesLikeTheMlflowClient()
    {
        using var http = _host.Client();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("any-user:" + _host.AdminKey)));
        var me = await (await http.GetAsync("/api/v1/me")).Read<MeDto>();
        Assert.Equal("admin", me.Principal);
    }

    [Fact]
    public async Task ProjectOwner_MintingAKeyForTheInstanceAdministrator_IsForbidden()
    {
        using var owner = _host.Client(await KeyFor("mallory", "owner", "read", "write", "deploy", "admin"));
        await (await owner.PostJson("/api/v1/projects/alpha/keys", new CreateKeyRequest("x", ["read", "write", "deploy", "admin"], "admin")))
            .Problem(HttpStatusCode.Forbidden, "only an instance administrator");
        var keys = await (await _host.Client(_host.AdminKey).GetAsync("/api/v1/projects/alpha/keys")).Read<KeyDto[]>();
        Assert.DoesNotContain(keys, k => k.Principal == "admin");
    }

    [Fact]
    public async Task AdministratorKeyWithOnlyTheAdminScope_CannotMintAWiderKey()
    {
        var narrow = await _admin.CreateKeyAsync("alpha", new CreateKeyRequest("narrow", ["read", "admin"]));
        using var http = _host.Client(narrow.Secret);
        await (await http.PostJson("/api/v1/projects/alpha/keys", new CreateKeyRequest("wide", ["read", "write", "deploy", "admin"])))
            .Problem(HttpStatusCode.Forbidden, "does not hold itself");
    }

    [Fact]
    public async Task AdministratorsKeyWithoutTheAdminScope_StaysInsideItsProject()
    {
        var readOnly = await _admin.CreateKeyAsync("alpha", new CreateKeyRequest("read only", ["read"]));
        using var http = _host.Client(readOnly.Secret);
        var me = await (await http.GetAsync("/api/v1/me")).Read<MeDto>();
        Assert.False(me.IsAdmin);
        Assert.Equal(["alpha"], (await (await http.GetAsync("/api/v1/projects")).Read<ProjectDto[]>()).Select(p => p.Name));
        await (await http.GetAsync("/api/v1/projects/default")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProjectOwner_VerifyingTheInstanceWideChain_IsForbidden()
    {
        using var owner = _host.Client(await KeyFor("owen", "owner", "read", "admin"));
        await (await owner.GetAsync("/api/v1/audit/verify")).Problem(HttpStatusCode.Forbidden, "instance administrator");
        (await owner.GetAsync("/api/v1/audit/events")).EnsureSuccessStatusCode();
    }
}

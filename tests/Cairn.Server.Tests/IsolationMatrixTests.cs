using System.Net;
using Cairn.Client.Contracts;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>A key of project alpha — even its owner's, with every scope — reads and changes nothing of project beta.</summary>
public sealed class IsolationMatrixTests : IAsyncLifetime
{
    private TwoProjects _world = null!;

    public async ValueTask InitializeAsync() => _world = await TwoProjects.StartAsync();

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    public static TheoryData<string, string> ForeignRequests() => new()
    {
        { "GET", "/api/v1/projects/beta" },
        { "GET", "/api/v1/projects/beta/members" },
        { "PUT", "/api/v1/projects/beta/members/mallory" },
        { "PUT", "/api/v1/projects/beta/members/bert" },
        { "DELETE", "/api/v1/projects/beta/members/bert" },
        { "GET", "/api/v1/projects/beta/keys" },
        { "POST", "/api/v1/projects/beta/keys" },
        { "DELETE", "/api/v1/projects/beta/keys/{betaKey}" },
        { "DELETE", "/api/v1/projects/alpha/keys/{betaKey}" },
        { "GET", "/api/v1/audit/events?project=beta" },
    };

    [Theory]
    [MemberData(nameof(ForeignRequests))]
    public async Task AlphaOwnerKey_OnBetaResource_IsNotFoundAndChangesNothing(string method, string path)
    {
        using var alpha = _world.Host.Client(_world.AlphaKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{betaKey}", _world.BetaKeyInfo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (method is "PUT" or "POST")
        {
            request.Content = JsonContent(method == "PUT" ? """{"role":"owner"}""" : """{"name":"stolen","scopes":["admin"]}""");
        }

        using var response = await alpha.SendAsync(request);
        await response.Problem(HttpStatusCode.NotFound);

        using var beta = _world.Host.Client(_world.BetaKey);
        var me = await (await beta.GetAsync("/api/v1/me")).Read<MeDto>();
        Assert.Equal(("bert", "beta"), (me.Principal, me.Project));
        var members = await (await beta.GetAsync("/api/v1/projects/beta/members")).Read<MemberDto[]>();
        Assert.Equal(["admin", "bert"], members.Select(m => m.Principal));
        var keys = await (await beta.GetAsync("/api/v1/projects/beta/keys")).Read<KeyDto[]>();
        Assert.All(keys, k => Assert.Null(k.RevokedAt));
        Assert.DoesNotContain(keys, k => k.Name == "stolen");
    }

    [Fact]
    public async Task AlphaOwnerKey_ListingProjectsAndAudit_SeesOnlyAlpha()
    {
        using var alpha = _world.Host.Client(_world.AlphaKey);
        var projects = await (await alpha.GetAsync("/api/v1/projects")).Read<ProjectDto[]>();
        Assert.Equal(["alpha"], projects.Select(p => p.Name));

        using var beta = _world.Host.Client(_world.BetaKey);
        (await beta.PutJson("/api/v1/projects/beta/members/carol", new SetMemberRequest("viewer"))).EnsureSuccessStatusCode();
        var events = await (await alpha.GetAsync("/api/v1/audit/events?limit=1000")).Read<AuditEventDto[]>();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("alpha", e.Project));
    }

    [Fact]
    public async Task InstanceAdmin_CanAdministerEveryProject()
    {
        using var admin = _world.Host.Client(_world.Host.AdminKey);
        var projects = await (await admin.GetAsync("/api/v1/projects")).Read<ProjectDto[]>();
        Assert.Equal(["alpha", "beta", "default"], projects.Select(p => p.Name));
        (await admin.GetAsync("/api/v1/projects/beta/keys")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ProjectOwner_CannotCreateProjects()
    {
        using var alpha = _world.Host.Client(_world.AlphaKey);
        await (await alpha.PostJson("/api/v1/projects", new CreateProjectRequest("gamma", null))).Problem(HttpStatusCode.Forbidden, "instance administrator");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task ProbeOfAForeignProject_IsFiledUnderTheCallersOwnProject()
    {
        using var alpha = _world.Host.Client(_world.AlphaKey);
        await alpha.PutJson("/api/v1/projects/beta/members/x", new SetMemberRequest("owner"));

        using var beta = _world.Host.Client(_world.BetaKey);
        var betaEvents = await (await beta.GetAsync("/api/v1/audit/events?limit=1000")).Read<AuditEventDto[]>();
        Assert.DoesNotContain(betaEvents, e => e.Actor.StartsWith("alice", StringComparison.Ordinal));

        var alphaEvents = await (await alpha.GetAsync("/api/v1/audit/events?limit=10")).Read<AuditEventDto[]>();
        var probe = alphaEvents[0];
        Assert.Equal(("alpha", "SetMember", "failure"), (probe.Project, probe.Action, probe.Outcome));
        Assert.Contains("requested project 'beta'", probe.Detail, StringComparison.Ordinal);
    }
}

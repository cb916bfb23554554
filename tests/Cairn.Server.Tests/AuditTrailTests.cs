using System.Net;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>Every mutating request leaves an event in the hash chain; tampering in the database is named.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync();
        _http = _host.Client(_host.AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<AuditEventDto[]> Events() => await (await _http.GetAsync("/api/v1/audit/events?limit=1000")).Read<AuditEventDto[]>();

    [Fact]
    public async Task MutatingRequest_Succeeded_RecordsActorProjectActionTargetTraceAndOutcome()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
        {
            Content = new StringContent("""{"name":"alpha"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();

        var e = Assert.Single(await Events(), e => e.RequestId == traceId);
        Assert.Equal(("CreateProject", "POST /api/v1/projects", "success", 201), (e.Action, e.Target, e.Outcome, e.Status));
        Assert.StartsWith("admin (cairn_", e.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutatingRequest_Refused_IsRecordedAsFailureWithItsRouteAndProject()
    {
        await (await _http.PostJson("/api/v1/projects/default/keys", new CreateKeyRequest("k", ["root"]))).Problem(HttpStatusCode.BadRequest);
        var e = (await Events())[0];
        Assert.Equal(("CreateKey", "default", "failure", 400), (e.Action, e.Project, e.Outcome, e.Status));
    }

    [Fact]
    public async Task KeyCreation_Detail_NamesTheKeyButNeverTheSecret()
    {
        var created = await (await _http.PostJson("/api/v1/projects/default/keys", new CreateKeyRequest("ci", ["read"]))).Read<CreatedKeyDto>(HttpStatusCode.Created);
        var e = (await Events())[0];
        Assert.Contains($"key {created.Key.Id}", e.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, string.Join('|', (await Events()).Select(x => x.Detail + x.Target)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_AreNotAudited()
    {
        var before = (await Events()).Length;
        (await _http.GetAsync("/api/v1/projects")).EnsureSuccessStatusCode();
        Assert.Equal(before, (await Events()).Length);
    }

    [Fact]
    public async Task AuditApi_OffersNoWayToChangeOrDeleteEvents()
    {
        await (await _http.DeleteAsync("/api/v1/audit/events")).Problem(HttpStatusCode.MethodNotAllowed);
        await (await _http.PutJson("/api/v1/audit/events", new { })).Problem(HttpStatusCode.MethodNotAllowed);
        await (await _http.DeleteAsync("/api/v1/audit/events/1")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Verify_AfterRowAlteredInTheDatabase_NamesTheFirstBrokenLink()
    {
        for (var i = 0; i < 4; i++)
        {
            (await _http.PutJson($"/api/v1/projects/default/members/user{i}", new SetMemberRequest("viewer"))).EnsureSuccessStatusCode();
        }

        var intact = await (await _http.GetAsync("/api/v1/audit/verify")).Read<AuditVerificationDto>();
        Assert.True(intact.Intact);
        Assert.True(intact.EventsChecked >= 4);

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, "cairn.db")}"))
        {
            await db.ExecuteAsync("UPDATE audit_events SET actor = 'someone else' WHERE seq = 2");
        }

        var broken = await (await _http.GetAsync("/api/v1/audit/verify")).Read<AuditVerificationDto>();
        Assert.False(broken.Intact);
        Assert.Equal(2, broken.BrokenAtSeq);
        Assert.Contains("altered", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousWrites_AreNotAudited()
    {
        var before = (await Events()).Length;
        using var anonymous = _host.Client();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsync($"/signin/x{i}", new StringContent("Key=x"));
            await anonymous.PostAsync("/api/v1/projects", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        }

        Assert.Equal(before, (await Events()).Length);
    }

    [Fact]
    public async Task LongPath_IsCappedInTheEvent()
    {
        await _http.PostJson($"/api/v1/projects/{new string('p', 2000)}/keys", new CreateKeyRequest("k", ["read"]));
        var e = (await Events())[0];
        Assert.True(e.Target.Length <= 513, $"target of {e.Target.Length} characters");
    }

    [Fact]
    public async Task AuditAppendFails_AnswersAProblemThatSaysSo()
    {
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, "cairn.db")};Pooling=False"))
        {
            await db.ExecuteAsync("DROP TABLE audit_head");
        }

        await (await _http.PostJson("/api/v1/projects", new CreateProjectRequest("unaudited", null)))
            .Problem(HttpStatusCode.InternalServerError, "audit event could not be recorded");
    }
}

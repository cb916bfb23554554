using Cairn.Governance.Audit;
using Cairn.Client.Contracts;
using Cairn.Core.Access;
using Cairn.Governance.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cairn.Server.Api;

/// <summary><c>/api/v1/projects</c>: projects and their members.</summary>
public static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("Projects");
        projects.MapGet("/", ListProjects).WithName("ListProjects").RequireScope(Scope.Read);
        projects.MapPost("/", CreateProject).WithName("CreateProject").RequireScope(Scope.Admin);
        projects.MapGet("/{project}", GetProject).WithName("GetProject").RequireScope(Scope.Read);
        projects.MapGet("/{project}/members", ListMembers).WithName("ListMembers").RequireScope(Scope.Read);
        projects.MapPut("/{project}/members/{principal}", SetMember).WithName("SetMember").RequireScope(Scope.Admin);
        projects.MapDelete("/{project}/members/{principal}", RemoveMember).WithName("RemoveMember").RequireScope(Scope.Admin);
        return app;
    }

    public static async Task<Ok<ProjectDto[]>> ListProjects(HttpContext http, AccessService access, CancellationToken ct) =>
        TypedResults.Ok((await access.ListProjectsAsync(http.GetCaller(), ct)).Select(p => p.ToDto()).ToArray());

    public static async Task<Created<ProjectDto>> CreateProject(CreateProjectRequest request, HttpContext http, AccessService access, CancellationToken ct)
    {
        var project = await access.CreateProjectAsync(http.GetCaller(), request.Name, request.Description, ct);
        http.SetAuditAction("CreateProject", project.Name);
        http.SetAuditDetail($"project {project.Name} created");
        return TypedResults.Created($"/api/v1/projects/{project.Name}", project.ToDto());
    }

    public static async Task<Ok<ProjectDto>> GetProject(string project, HttpContext http, AccessService access, CancellationToken ct) =>
        TypedResults.Ok((await access.RequireProjectAsync(http.GetCaller(), project, Scope.Read, ct)).ToDto());

    public static async Task<Ok<MemberDto[]>> ListMembers(string project, HttpContext http, AccessService access, CancellationToken ct) =>
        TypedResults.Ok((await access.ListMembersAsync(http.GetCaller(), project, ct)).Select(m => m.ToDto()).ToArray());

    public static async Task<Ok<MemberDto>> SetMember(
        string project, string principal, SetMemberRequest request, HttpContext http, AccessService access, CancellationToken ct) =>
        TypedResults.Ok((await access.SetMemberAsync(http.GetCaller(), project, principal, request.Role, ct)).ToDto());

    public static async Task<NoContent> RemoveMember(string project, string principal, HttpContext http, AccessService access, CancellationToken ct)
    {
        await access.RemoveMemberAsync(http.GetCaller(), project, principal, ct);
        return TypedResults.NoContent();
    }
}

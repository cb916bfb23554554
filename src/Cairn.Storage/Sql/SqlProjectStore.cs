using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Storage.Rows;
using Dapper;

namespace Cairn.Storage.Sql;

/// <summary>Projects and members over SQLite or PostgreSQL (the same SQL serves both).</summary>
public sealed class SqlProjectStore(ConnectionFactory connections) : IProjectStore
{
    private const string ProjectColumns = "id AS Id, name AS Name, description AS Description, created_at AS CreatedAt, created_by AS CreatedBy";

    public async Task<Project> CreateProjectAsync(string name, string description, Principal creator, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creator);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO projects (name, description, created_at, created_by) VALUES (@name, @description, @now, @by) RETURNING id",
                new { name, description, now, by = creator.Name }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("project", name);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO project_members (project_id, principal_id, role, created_at) VALUES (@id, @principal, 'owner', @now)",
            new { id, principal = creator.Id, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new Project(id, name, description, now, creator.Name);
    }

    public async Task<Project?> GetProjectAsync(string name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>(new CommandDefinition(
            $"SELECT {ProjectColumns} FROM projects WHERE name = @name", new { name }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToDomain();
    }

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ProjectRow>(new CommandDefinition(
            $"SELECT {ProjectColumns} FROM projects ORDER BY name", cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<Membership> SetMemberAsync(Project project, string principal, ProjectRole role, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(project);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO principals (name, is_admin, created_at) VALUES (@principal, 0, @now) ON CONFLICT (name) DO NOTHING",
            new { principal, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var principalId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM principals WHERE name = @principal", new { principal }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO project_members (project_id, principal_id, role, created_at) VALUES (@project, @principalId, @role, @now)
            ON CONFLICT (project_id, principal_id) DO UPDATE SET role = excluded.role, created_at = excluded.created_at
            """,
            new { project = project.Id, principalId, role = Roles.Format(role), now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new Membership(project.Name, principal, role, now);
    }

    public async Task<bool> RemoveMemberAsync(Project project, string principal, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(project);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var principalId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM principals WHERE name = @principal", new { principal }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (principalId is null)
        {
            return false;
        }

        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM project_members WHERE project_id = @project AND principal_id = @principalId",
            new { project = project.Id, principalId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE project_id = @project AND principal_id = @principalId AND revoked_at IS NULL",
            new { project = project.Id, principalId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return removed > 0;
    }

    public async Task<IReadOnlyList<Membership>> ListMembersAsync(Project project, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(project);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            """
            SELECT pr.name AS Project, p.name AS Principal, m.role AS Role, m.created_at AS CreatedAt
            FROM project_members m JOIN principals p ON p.id = m.principal_id JOIN projects pr ON pr.id = m.project_id
            WHERE m.project_id = @project ORDER BY p.name
            """,
            new { project = project.Id }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<ProjectRole?> GetRoleAsync(long projectId, long principalId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var role = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT role FROM project_members WHERE project_id = @projectId AND principal_id = @principalId",
            new { projectId, principalId }, cancellationToken: ct)).ConfigureAwait(false);
        return role is null ? null : Roles.Parse(role);
    }
}

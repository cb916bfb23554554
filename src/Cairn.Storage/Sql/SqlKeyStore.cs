using Cairn.Core.Access;
using Cairn.Core.Storage;
using Cairn.Storage.Rows;
using Dapper;

namespace Cairn.Storage.Sql;

/// <summary>Principals and API keys over SQLite or PostgreSQL.</summary>
public sealed class SqlKeyStore(ConnectionFactory connections) : IKeyStore
{
    private const string KeySelect =
        """
        SELECT k.id AS Id, pr.name AS Project, p.name AS Principal, k.name AS Name, k.prefix AS Prefix, k.scopes AS Scopes,
               k.created_at AS CreatedAt, k.expires_at AS ExpiresAt, k.revoked_at AS RevokedAt
        FROM api_keys k JOIN principals p ON p.id = k.principal_id JOIN projects pr ON pr.id = k.project_id
        """;

    private const string CallerSelect =
        """
        SELECT k.id AS KeyId, k.prefix AS KeyPrefix, p.id AS PrincipalId, p.name AS Principal, p.is_admin AS IsAdmin,
               k.project_id AS ProjectId, pr.name AS Project, m.role AS Role, k.scopes AS KeyScopes, k.expires_at AS ExpiresAt
        FROM api_keys k
        JOIN principals p ON p.id = k.principal_id
        JOIN projects pr ON pr.id = k.project_id
        LEFT JOIN project_members m ON m.project_id = k.project_id AND m.principal_id = k.principal_id
        """;

    public async Task<bool> BootstrapAsync(string admin, string project, string keyPrefix, string secretHash, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var principals = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM principals", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        if (principals > 0)
        {
            return false;
        }

        var principalId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO principals (name, is_admin, created_at) VALUES (@admin, 1, @now) RETURNING id",
            new { admin, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var projectId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO projects (name, description, created_at, created_by) VALUES (@project, 'Created at first start', @now, @admin) RETURNING id",
            new { project, now, admin }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO project_members (project_id, principal_id, role, created_at) VALUES (@projectId, @principalId, 'owner', @now)",
            new { projectId, principalId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (project_id, principal_id, name, prefix, secret_hash, scopes, created_at)
            VALUES (@projectId, @principalId, 'bootstrap admin key', @keyPrefix, @secretHash, @scopes, @now)
            """,
            new { projectId, principalId, keyPrefix, secretHash, scopes = (long)Scope.All, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<Principal?> GetPrincipalAsync(string name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PrincipalRow>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, is_admin AS IsAdmin, created_at AS CreatedAt FROM principals WHERE name = @name",
            new { name }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToDomain();
    }

    public async Task<ApiKeyInfo> CreateKeyAsync(NewApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO api_keys (project_id, principal_id, name, prefix, secret_hash, scopes, created_at, expires_at)
            VALUES (@ProjectId, @PrincipalId, @Name, @Prefix, @SecretHash, @scopes, @CreatedAt, @ExpiresAt) RETURNING id
            """,
            new { key.ProjectId, key.PrincipalId, key.Name, key.Prefix, key.SecretHash, scopes = (long)key.Scopes, key.CreatedAt, key.ExpiresAt },
            cancellationToken: ct)).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<KeyRow>(new CommandDefinition(
            $"{KeySelect} WHERE k.id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row.ToDomain();
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"{KeySelect} WHERE k.project_id = @projectId ORDER BY k.id DESC", new { projectId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<ApiKeyInfo?> GetKeyAsync(long projectId, long keyId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"{KeySelect} WHERE k.project_id = @projectId AND k.id = @keyId", new { projectId, keyId }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToDomain();
    }

    public async Task<bool> RevokeKeyAsync(long projectId, long keyId, long now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE project_id = @projectId AND id = @keyId AND revoked_at IS NULL",
            new { projectId, keyId, now }, cancellationToken: ct)).ConfigureAwait(false);
        return changed > 0;
    }

    public Task<Caller?> FindCallerAsync(string secretHash, long now, CancellationToken ct) =>
        FindAsync($"{CallerSelect} WHERE k.secret_hash = @value", secretHash, now, ct);

    public Task<Caller?> FindCallerByKeyIdAsync(long keyId, long now, CancellationToken ct) =>
        FindAsync($"{CallerSelect} WHERE k.id = @value", keyId, now, ct);

    private async Task<Caller?> FindAsync(string select, object value, long now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CallerRow>(new CommandDefinition(
            $"{select} AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > @now)",
            new { value, now }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToDomain();
    }
}

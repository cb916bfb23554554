using Cairn.Core.Guardrails;
using Cairn.Core.Storage;
using Dapper;

namespace Cairn.Storage.Sql.Guardrails;

/// <summary>Guardrail policies, project keys, the vault and red-team reports over SQLite or PostgreSQL.</summary>
public sealed class SqlGuardrailStore(ConnectionFactory connections) : IGuardrailStore
{
    private const string PolicyColumns = "route AS Route, version AS Version, yaml AS Yaml, updated_by AS UpdatedBy, updated_at AS UpdatedAt";
    private const string ReportColumns = "id AS Id, target AS Target, model AS Model, attempted AS Attempted, succeeded AS Succeeded";

    public async Task<StoredPolicy?> GetPolicyAsync(long projectId, string route, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredPolicy>(new CommandDefinition(
            $"SELECT {PolicyColumns} FROM guardrail_policies WHERE project_id = @projectId AND route = @route", new { projectId, route }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredPolicy>> ListPoliciesAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<StoredPolicy>(new CommandDefinition(
            $"SELECT {PolicyColumns} FROM guardrail_policies WHERE project_id = @projectId ORDER BY route", new { projectId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<StoredPolicy> PutPolicyAsync(long projectId, string route, string yaml, string by, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var version = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO guardrail_policies (project_id, route, version, yaml, updated_by, updated_at) VALUES (@projectId, @route, 1, @yaml, @by, @now)
            ON CONFLICT (project_id, route) DO UPDATE SET version = guardrail_policies.version + 1, yaml = excluded.yaml, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            RETURNING version
            """,
            new { projectId, route, yaml, by, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return new StoredPolicy(route, version, yaml, by, now);
    }

    public async Task<bool> DeletePolicyAsync(long projectId, string route, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var n = await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM guardrail_policies WHERE project_id = @projectId AND route = @route", new { projectId, route }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<string> GetOrCreateKeyAsync(long projectId, Func<string> create, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(create);
        await using (var connection = await connections.OpenAsync(ct).ConfigureAwait(false))
        {
            var existing = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT protected_key FROM guardrail_keys WHERE project_id = @projectId", new { projectId }, cancellationToken: ct)).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing;
            }
        }

        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO guardrail_keys (project_id, protected_key, created_at) VALUES (@projectId, @key, @now) ON CONFLICT (project_id) DO NOTHING",
            new { projectId, key = create(), now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        var key = await write.Connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT protected_key FROM guardrail_keys WHERE project_id = @projectId", new { projectId }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return key!;
    }

    public async Task PutVaultAsync(long projectId, IReadOnlyCollection<VaultEntry> entries, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO guardrail_vault (project_id, token, entity, protected_value, created_at) VALUES (@projectId, @Token, @Entity, @ProtectedValue, @now)
            ON CONFLICT (project_id, token) DO NOTHING
            """,
            entries.Select(e => new { projectId, e.Token, e.Entity, e.ProtectedValue, now }), write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<VaultEntry>> GetVaultAsync(long projectId, IReadOnlyCollection<string> tokens, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<VaultEntry>(new CommandDefinition(
            $"SELECT token AS Token, entity AS Entity, protected_value AS ProtectedValue FROM guardrail_vault WHERE project_id = @projectId AND {connections.InList("token", "@tokens")}",
            new { projectId, tokens = connections.ListParameter(tokens) }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task PutReportAsync(long projectId, RedTeamRecord report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO redteam_reports (project_id, id, target, model, attempted, succeeded, report, created_by, created_at)
            VALUES (@projectId, @Id, @Target, @Model, @Attempted, @Succeeded, @Report, @CreatedBy, @CreatedAt)
            """,
            new { projectId, report.Id, report.Target, report.Model, report.Attempted, report.Succeeded, report.Report, report.CreatedBy, report.CreatedAt },
            write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RedTeamRecord>> ListReportsAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<RedTeamRecord>(new CommandDefinition(
            $"SELECT {ReportColumns}, '' AS Report, created_by AS CreatedBy, created_at AS CreatedAt FROM redteam_reports WHERE project_id = @projectId ORDER BY created_at DESC, id LIMIT 200",
            new { projectId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<RedTeamRecord?> GetReportAsync(long projectId, string id, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<RedTeamRecord>(new CommandDefinition(
            $"SELECT {ReportColumns}, report AS Report, created_by AS CreatedBy, created_at AS CreatedAt FROM redteam_reports WHERE project_id = @projectId AND id = @id",
            new { projectId, id }, cancellationToken: ct)).ConfigureAwait(false);
    }
}

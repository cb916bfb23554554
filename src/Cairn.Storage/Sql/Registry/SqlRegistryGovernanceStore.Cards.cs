using System.Text.Json;
using Cairn.Core.Registry;
using Dapper;

namespace Cairn.Storage.Sql.Registry;

public sealed partial class SqlRegistryGovernanceStore
{
    private static readonly JsonSerializerOptions CardJson = new(JsonSerializerDefaults.Web);

    public async Task<ModelCardFields?> GetCardAsync(long projectId, string name, long version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Json, string By, long At)>(new CommandDefinition(
            """
            SELECT c.fields_json, c.updated_by, c.updated_at FROM model_cards c JOIN registered_models m ON m.id = c.model_id
            WHERE m.project_id = @projectId AND m.name = @name AND c.version = @version
            """, new { projectId, name, version }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => JsonSerializer.Deserialize<ModelCardFields>(r.Json, CardJson)! with { UpdatedBy = r.By, UpdatedAt = r.At }).FirstOrDefault();
    }

    public async Task<bool> SetCardAsync(long projectId, string name, long version, ModelCardFields fields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fields);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await VersionModelIdAsync(connection, tx, projectId, name, version, ct).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }

        var json = JsonSerializer.Serialize(fields with { UpdatedBy = null, UpdatedAt = null }, CardJson);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_cards (model_id, version, fields_json, updated_by, updated_at) VALUES (@id, @version, @json, @by, @at)
            ON CONFLICT (model_id, version) DO UPDATE SET fields_json = excluded.fields_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new { id, version, json, by = fields.UpdatedBy ?? "", at = fields.UpdatedAt ?? 0 }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<RetentionPolicy?> GetRetentionAsync(long projectId, string name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long? KeepLast, long? KeepDays)>(new CommandDefinition(
            """
            SELECT r.keep_last, r.keep_days FROM model_retention r JOIN registered_models m ON m.id = r.model_id
            WHERE m.project_id = @projectId AND m.name = @name
            """, new { projectId, name }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new RetentionPolicy((int?)r.KeepLast, (int?)r.KeepDays)).FirstOrDefault();
    }

    public async Task<bool> SetRetentionAsync(long projectId, string name, RetentionPolicy policy, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM registered_models WHERE project_id = @projectId AND name = @name", new { projectId, name }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_retention (model_id, keep_last, keep_days, updated_at) VALUES (@id, @KeepLast, @KeepDays, @now)
            ON CONFLICT (model_id) DO UPDATE SET keep_last = excluded.keep_last, keep_days = excluded.keep_days, updated_at = excluded.updated_at
            """, new { id, policy.KeepLast, policy.KeepDays, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }
}

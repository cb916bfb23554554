using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Dapper;

namespace Cairn.Storage.Sql.Registry;

/// <summary>Signing keys, signatures and the policy of a project's registry (promotions, cards, retention and lineage in the other parts).</summary>
public sealed partial class SqlRegistryGovernanceStore(ConnectionFactory connections, RegistryReadCache cache) : IRegistryGovernanceStore
{
    public async Task AddSigningKeyAsync(long projectId, SigningKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        try
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO signing_keys (project_id, id, name, public_key, created_by, created_at, revoked_at)
                VALUES (@projectId, @Id, @Name, @PublicKeyPem, @CreatedBy, @CreatedAt, NULL)
                """,
                new { projectId, key.Id, key.Name, key.PublicKeyPem, key.CreatedBy, key.CreatedAt }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw new CairnException(ErrorKind.AlreadyExists, $"a signing key named '{key.Name}' or with fingerprint {key.Id} is already registered in this project");
        }

        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SigningKey>> ListSigningKeysAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<SigningKey>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, public_key AS PublicKeyPem, created_by AS CreatedBy, created_at AS CreatedAt, revoked_at AS RevokedAt
            FROM signing_keys WHERE project_id = @projectId ORDER BY name
            """, new { projectId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<bool> RevokeSigningKeyAsync(long projectId, string keyId, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE signing_keys SET revoked_at = @now WHERE project_id = @projectId AND id = @keyId AND revoked_at IS NULL",
            new { projectId, keyId, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<bool> AddSignatureAsync(long projectId, string name, long version, VersionSignature signature, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signature);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var id = await VersionModelIdAsync(connection, tx, projectId, name, version, ct).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_version_signatures (model_id, version, key_id, signature, signed_by, created_at)
            VALUES (@id, @version, @KeyId, @Signature, @SignedBy, @CreatedAt)
            ON CONFLICT (model_id, version, key_id) DO UPDATE SET signature = excluded.signature, signed_by = excluded.signed_by, created_at = excluded.created_at
            """,
            new { id, version, signature.KeyId, signature.Signature, signature.SignedBy, signature.CreatedAt }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<VersionSignature>> SignaturesAsync(long projectId, string name, long version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<VersionSignature>(new CommandDefinition(
            """
            SELECT s.key_id AS KeyId, s.signature AS Signature, s.signed_by AS SignedBy, s.created_at AS CreatedAt
            FROM model_version_signatures s JOIN registered_models m ON m.id = s.model_id
            WHERE m.project_id = @projectId AND m.name = @name AND s.version = @version ORDER BY s.created_at, s.key_id
            """, new { projectId, name, version }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<string?> GetPolicyAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT policy_json FROM registry_policies WHERE project_id = @projectId", new { projectId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task SetPolicyAsync(long projectId, string policyJson, string updatedBy, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO registry_policies (project_id, policy_json, updated_by, updated_at) VALUES (@projectId, @policyJson, @updatedBy, @now)
            ON CONFLICT (project_id) DO UPDATE SET policy_json = excluded.policy_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            new { projectId, policyJson, updatedBy, now }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static Task<string?> VersionModelIdAsync(DbConnection connection, DbTransaction? tx, long projectId, string name, long version, CancellationToken ct) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT m.id FROM registered_models m JOIN model_versions v ON v.model_id = m.id
            WHERE m.project_id = @projectId AND m.name = @name AND v.version = @version
            """, new { projectId, name, version }, tx, cancellationToken: ct));
}

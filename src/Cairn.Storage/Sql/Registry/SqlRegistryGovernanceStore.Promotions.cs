using System.Data.Common;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Dapper;

namespace Cairn.Storage.Sql.Registry;

public sealed partial class SqlRegistryGovernanceStore
{
    private const string RequestColumns =
        """
        r.id AS Id, m.name AS Name, r.alias AS Alias, r.version AS Version, r.requested_by AS RequestedBy, r.status AS Status,
        r.created_at AS CreatedAt, r.updated_at AS UpdatedAt
        """;

    public async Task<PromotionRequest> CreatePromotionAsync(long projectId, string name, string alias, long version, string requestedBy, long now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var modelId = await VersionModelIdAsync(connection, tx, projectId, name, version, ct).ConfigureAwait(false)
            ?? throw new CairnException(ErrorKind.NotFound, $"Model Version (name={name}, version={version}) not found");
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO promotion_requests (project_id, model_id, alias, version, requested_by, status, created_at, updated_at)
            VALUES (@projectId, @modelId, @alias, @version, @requestedBy, 'pending', @now, @now) RETURNING id
            """,
            new { projectId, modelId, alias, version, requestedBy, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new PromotionRequest(id, name, alias, version, requestedBy, PromotionStatus.Pending, now, now, []);
    }

    public async Task<PromotionRequest?> GetPromotionAsync(long projectId, long id, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await LoadRequestsAsync(connection, "r.project_id = @projectId AND r.id = @id", new { projectId, id }, 1, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<PromotionRequest?> FindPendingPromotionAsync(long projectId, string name, string alias, long version, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await LoadRequestsAsync(
            connection, "r.project_id = @projectId AND m.name = @name AND r.alias = @alias AND r.version = @version AND r.status = 'pending'",
            new { projectId, name, alias, version }, 1, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<PromotionRequest>> ListPromotionsAsync(long projectId, string? status, int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await LoadRequestsAsync(
            connection, status is null ? "r.project_id = @projectId" : "r.project_id = @projectId AND r.status = @status", new { projectId, status }, limit, ct).ConfigureAwait(false);
    }

    public async Task<bool> AddReviewAsync(long projectId, long id, PromotionReview review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        var (connection, tx) = (write.Connection, write.Transaction);
        var status = review.Decision == "reject" ? PromotionStatus.Rejected : PromotionStatus.Pending;
        var touched = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE promotion_requests SET status = @status, updated_at = @CreatedAt WHERE project_id = @projectId AND id = @id AND status = 'pending'",
            new { projectId, id, status, review.CreatedAt }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (touched == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO promotion_reviews (request_id, reviewer, decision, comment, created_at) VALUES (@id, @Reviewer, @Decision, @Comment, @CreatedAt)
            ON CONFLICT (request_id, reviewer) DO UPDATE SET decision = excluded.decision, comment = excluded.comment, created_at = excluded.created_at
            """,
            new { id, review.Reviewer, review.Decision, review.Comment, review.CreatedAt }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> PromoteAsync(long projectId, string name, string alias, long version, long? requestId, long now, CancellationToken ct)
    {
        await using var write = (await connections.BeginWriteAsync(ct).ConfigureAwait(false)).OnEnd(cache.Invalidate);
        var (connection, tx) = (write.Connection, write.Transaction);
        var modelId = await VersionModelIdAsync(connection, tx, projectId, name, version, ct).ConfigureAwait(false);
        if (modelId is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO model_aliases (model_id, alias, version) VALUES (@modelId, @alias, @version)
            ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version
            """, new { modelId, alias, version }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE registered_models SET updated_at = @now WHERE id = @modelId", new { modelId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (requestId is { } promoted)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE promotion_requests SET status = 'promoted', updated_at = @now WHERE id = @promoted AND project_id = @projectId",
                new { promoted, projectId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        // Other pending requests for the same move are moot once it is made.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE promotion_requests SET status = 'cancelled', updated_at = @now WHERE model_id = @modelId AND alias = @alias AND status = 'pending' AND version = @version",
            new { modelId, alias, version, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private static async Task<List<PromotionRequest>> LoadRequestsAsync(DbConnection connection, string where, object args, int limit, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"SELECT {RequestColumns} FROM promotion_requests r JOIN registered_models m ON m.id = r.model_id WHERE {where} ORDER BY r.id DESC LIMIT {limit}",
            args, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var reviews = (await connection.QueryAsync<(long RequestId, string Reviewer, string Decision, string Comment, long CreatedAt)>(new CommandDefinition(
            $"SELECT request_id, reviewer, decision, comment, created_at FROM promotion_reviews WHERE request_id IN ({string.Join(',', ids)}) ORDER BY created_at, reviewer",
            cancellationToken: ct)).ConfigureAwait(false)).ToLookup(r => r.RequestId, r => new PromotionReview(r.Reviewer, r.Decision, r.Comment, r.CreatedAt));
        return rows.Select(r => new PromotionRequest(r.Id, r.Name, r.Alias, r.Version, r.RequestedBy, r.Status, r.CreatedAt, r.UpdatedAt, reviews[r.Id].ToList())).ToList();
    }

    private sealed class RequestRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Alias { get; set; } = "";
        public long Version { get; set; }
        public string RequestedBy { get; set; } = "";
        public string Status { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
    }
}

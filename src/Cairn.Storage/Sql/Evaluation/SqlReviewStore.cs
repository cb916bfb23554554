using Cairn.Core.Errors;
using Cairn.Core.Evaluation;
using Cairn.Core.Storage;
using Dapper;

namespace Cairn.Storage.Sql.Evaluation;

/// <summary>Review queues, items and votes over SQLite or PostgreSQL.</summary>
public sealed class SqlReviewStore(ConnectionFactory connections) : IReviewStore
{
    private const string QueueColumns = "name AS Name, label_a AS LabelA, label_b AS LabelB, item_count AS Items, created_by AS CreatedBy, created_at AS CreatedAt";
    private const string ItemColumns = "id AS Id, input AS Input, output_a AS OutputA, output_b AS OutputB";

    public async Task CreateAsync(long projectId, ReviewQueue queue, IReadOnlyList<ReviewItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(items);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        try
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO review_queues (project_id, name, label_a, label_b, item_count, created_by, created_at)
                VALUES (@projectId, @Name, @LabelA, @LabelB, @Items, @CreatedBy, @CreatedAt)
                """,
                new { projectId, queue.Name, queue.LabelA, queue.LabelB, queue.Items, queue.CreatedBy, queue.CreatedAt }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (SqlErrors.IsUniqueViolation(e))
        {
            throw CairnException.AlreadyExists("review queue", queue.Name);
        }

        await write.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO review_items (project_id, queue, id, input, output_a, output_b) VALUES (@projectId, @queue, @Id, @Input, @OutputA, @OutputB)",
            items.Select(i => new { projectId, queue = queue.Name, i.Id, i.Input, i.OutputA, i.OutputB }), write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<ReviewQueue?> GetAsync(long projectId, string name, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ReviewQueue>(new CommandDefinition(
            $"SELECT {QueueColumns} FROM review_queues WHERE project_id = @projectId AND name = @name", new { projectId, name }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReviewQueue>> ListAsync(long projectId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<ReviewQueue>(new CommandDefinition(
            $"SELECT {QueueColumns} FROM review_queues WHERE project_id = @projectId ORDER BY name", new { projectId }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }

    public async Task<ReviewItem?> GetItemAsync(long projectId, string queue, long itemId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ReviewItem>(new CommandDefinition(
            $"SELECT {ItemColumns} FROM review_items WHERE project_id = @projectId AND queue = @queue AND id = @itemId", new { projectId, queue, itemId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<ReviewItem?> NextItemAsync(long projectId, string queue, string reviewer, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<ReviewItem>(new CommandDefinition(
            $"""
            SELECT {ItemColumns} FROM review_items i
            WHERE i.project_id = @projectId AND i.queue = @queue
              AND NOT EXISTS (SELECT 1 FROM review_votes v WHERE v.project_id = i.project_id AND v.queue = i.queue AND v.item_id = i.id AND v.reviewer = @reviewer)
            ORDER BY i.id LIMIT 1
            """,
            new { projectId, queue, reviewer }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task VoteAsync(long projectId, string queue, ReviewVote vote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var write = await connections.BeginWriteAsync(ct).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM review_votes WHERE project_id = @projectId AND queue = @queue AND item_id = @ItemId AND reviewer = @Reviewer",
            new { projectId, queue, vote.ItemId, vote.Reviewer }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_votes (project_id, queue, item_id, reviewer, choice, comment, created_at)
            VALUES (@projectId, @queue, @ItemId, @Reviewer, @Choice, @Comment, @CreatedAt)
            """,
            new { projectId, queue, vote.ItemId, vote.Reviewer, vote.Choice, vote.Comment, vote.CreatedAt }, write.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReviewVote>> VotesAsync(long projectId, string queue, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<ReviewVote>(new CommandDefinition(
            """
            SELECT item_id AS ItemId, reviewer AS Reviewer, choice AS Choice, comment AS Comment, created_at AS CreatedAt
            FROM review_votes WHERE project_id = @projectId AND queue = @queue ORDER BY item_id, reviewer
            """,
            new { projectId, queue }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
    }
}

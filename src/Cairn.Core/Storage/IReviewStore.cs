using Cairn.Core.Evaluation;

namespace Cairn.Core.Storage;

/// <summary>Human review queues, their items and votes, per project.</summary>
public interface IReviewStore
{
    /// <summary>Creates a queue with its items (numbered 1..n in order); <see cref="Errors.ErrorKind.AlreadyExists"/> when the name is taken.</summary>
    Task CreateAsync(long projectId, ReviewQueue queue, IReadOnlyList<ReviewItem> items, CancellationToken ct);

    /// <summary>One queue, or null.</summary>
    Task<ReviewQueue?> GetAsync(long projectId, string name, CancellationToken ct);

    /// <summary>The project's queues by name.</summary>
    Task<IReadOnlyList<ReviewQueue>> ListAsync(long projectId, CancellationToken ct);

    /// <summary>One item of a queue, or null.</summary>
    Task<ReviewItem?> GetItemAsync(long projectId, string queue, long itemId, CancellationToken ct);

    /// <summary>The lowest-numbered item <paramref name="reviewer"/> has not voted on, or null when none is left.</summary>
    Task<ReviewItem?> NextItemAsync(long projectId, string queue, string reviewer, CancellationToken ct);

    /// <summary>Records (or replaces) a reviewer's vote on an item.</summary>
    Task VoteAsync(long projectId, string queue, ReviewVote vote, CancellationToken ct);

    /// <summary>Every vote of the queue.</summary>
    Task<IReadOnlyList<ReviewVote>> VotesAsync(long projectId, string queue, CancellationToken ct);
}

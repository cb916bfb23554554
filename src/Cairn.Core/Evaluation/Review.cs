namespace Cairn.Core.Evaluation;

/// <summary>A human review queue: items whose two outputs reviewers compare without knowing which is which.</summary>
/// <param name="Name">Unique in the project.</param>
/// <param name="LabelA">What output A is (e.g. the baseline run), shown only in the results.</param>
/// <param name="LabelB">What output B is.</param>
/// <param name="Items">Number of items.</param>
/// <param name="CreatedBy">Principal.</param>
/// <param name="CreatedAt">Unix milliseconds.</param>
public sealed record ReviewQueue(string Name, string LabelA, string LabelB, long Items, string CreatedBy, long CreatedAt);

/// <summary>One item of a queue: numbered from 1.</summary>
public sealed record ReviewItem(long Id, string Input, string OutputA, string OutputB);

/// <summary>A reviewer's verdict on one item: <c>a</c>, <c>b</c>, <c>tie</c> or <c>both_bad</c>.</summary>
public sealed record ReviewVote(long ItemId, string Reviewer, string Choice, string Comment, long CreatedAt);

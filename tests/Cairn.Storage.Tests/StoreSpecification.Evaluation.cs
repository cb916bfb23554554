using Cairn.Core.Evaluation;
using Cairn.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private IEvaluationDatasetStore Datasets => Services.GetRequiredService<IEvaluationDatasetStore>();

    private EvaluationDataset Dataset(string name, string digest) =>
        new(name, 0, digest, "csv", 3, ["text", "label"], 42, "", "dana", Now);

    [Fact]
    public async Task EvaluationDatasets_AreVersionedPerNameAndDeduplicatedByDigest_PerProject()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        Assert.Equal(1, (await Datasets.AddAsync(alpha, Dataset("reviews", "d1"), None)).Version);
        Assert.Equal(2, (await Datasets.AddAsync(alpha, Dataset("reviews", "d2"), None)).Version);
        Assert.Equal(1, (await Datasets.AddAsync(alpha, Dataset("reviews", "d1"), None)).Version);
        Assert.Equal(1, (await Datasets.AddAsync(alpha, Dataset("tickets", "d1"), None)).Version);
        Assert.Equal(1, (await Datasets.AddAsync(beta, Dataset("reviews", "d2"), None)).Version);

        Assert.Equal("d2", (await Datasets.GetAsync(alpha, "reviews", null, None))!.Digest);
        var first = (await Datasets.GetAsync(alpha, "reviews", 1, None))!;
        Assert.Equal(("d1", 3L, "text,label"), (first.Digest, first.Rows, string.Join(',', first.Columns)));
        Assert.Null(await Datasets.GetAsync(alpha, "reviews", 3, None));
        Assert.Null(await Datasets.GetAsync(beta, "tickets", null, None));
        Assert.Equal(["reviews 1", "reviews 2", "tickets 1"], (await Datasets.ListAsync(alpha, None)).Select(d => $"{d.Name} {d.Version}"));
    }

    private IReviewStore Reviews => Services.GetRequiredService<IReviewStore>();

    [Fact]
    public async Task ReviewQueues_HandOutUnvotedItemsInOrder_AndKeepOneVotePerReviewer()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var queue = new ReviewQueue("summaries", "baseline", "candidate", 3, "dana", Now);
        ReviewItem[] items = [new(1, "in 1", "a 1", "b 1"), new(2, "in 2", "a 2", "b 2"), new(3, "in 3", "a 3", "b 3")];
        await Reviews.CreateAsync(alpha, queue, items, None);
        await Assert.ThrowsAsync<Cairn.Core.Errors.CairnException>(() => Reviews.CreateAsync(alpha, queue, items, None));
        Assert.Null(await Reviews.GetAsync(beta, "summaries", None));

        Assert.Equal(1, (await Reviews.NextItemAsync(alpha, "summaries", "erin", None))!.Id);
        await Reviews.VoteAsync(alpha, "summaries", new ReviewVote(1, "erin", "a", "", Now), None);
        await Reviews.VoteAsync(alpha, "summaries", new ReviewVote(1, "erin", "tie", "changed my mind", Now), None);
        await Reviews.VoteAsync(alpha, "summaries", new ReviewVote(2, "finn", "b", "", Now), None);
        Assert.Equal(2, (await Reviews.NextItemAsync(alpha, "summaries", "erin", None))!.Id);
        Assert.Equal(1, (await Reviews.NextItemAsync(alpha, "summaries", "finn", None))!.Id);
        Assert.Equal(["1 erin tie changed my mind", "2 finn b "], (await Reviews.VotesAsync(alpha, "summaries", None)).Select(v => $"{v.ItemId} {v.Reviewer} {v.Choice} {v.Comment}"));
        Assert.Equal("b 3", (await Reviews.GetItemAsync(alpha, "summaries", 3, None))!.OutputB);
        Assert.Equal(3, Assert.Single(await Reviews.ListAsync(alpha, None)).Items);
    }
}

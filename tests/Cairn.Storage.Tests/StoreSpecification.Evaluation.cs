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
}

using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private IArtifactTreeStore RunArtifacts => Services.GetRequiredService<IArtifactTreeStore>();

    private static ArtifactEntry Entry(string path, char digit = 'a', long size = 1) => new(path, new string(digit, 64), size);

    [Fact]
    public async Task RunArtifacts_PutListGetDelete_WithinTheProject()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        foreach (var path in new[] { "model/MLmodel", "model/data/w.bin", "metrics_1.json", "metrics%.json" })
        {
            await RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry(path), Now, None);
        }

        await RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry("model/MLmodel", 'b', 7), Now, None);
        Assert.Equal(["model/MLmodel", "model/data/w.bin"], (await RunArtifacts.ListAsync(alpha, ArtifactOwner.Run(RunId(1)), "model", None)).Select(a => a.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["metrics_1.json"], (await RunArtifacts.ListAsync(alpha, ArtifactOwner.Run(RunId(1)), "metrics_1.json", None)).Select(a => a.Path));
        Assert.Equal(Entry("model/MLmodel", 'b', 7), await RunArtifacts.GetAsync(alpha, ArtifactOwner.Run(RunId(1)), "model/MLmodel", None));
        Assert.Null(await RunArtifacts.GetAsync(beta, ArtifactOwner.Run(RunId(1)), "model/MLmodel", None));
        Assert.Empty(await RunArtifacts.ListAsync(beta, ArtifactOwner.Run(RunId(1)), null, None));

        Assert.Equal(2, (await RunArtifacts.DeleteAsync(alpha, ArtifactOwner.Run(RunId(1)), "model", None)).Count);
        Assert.Equal(["metrics%.json", "metrics_1.json"], (await RunArtifacts.ListAsync(alpha, ArtifactOwner.Run(RunId(1)), null, None)).Select(a => a.Path).Order(StringComparer.Ordinal));
        Assert.False(await RunArtifacts.IsReferencedAsync(new string('b', 64), None));
        Assert.True(await RunArtifacts.IsReferencedAsync(new string('a', 64), None));
    }

    [Fact]
    public async Task RunArtifacts_FileAndDirectoryOfOneName_AndDeletedOrForeignRuns_AreRefused()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry("a/b"), Now, None);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<CairnException>(() => RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry("a"), Now, None))).Kind);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<CairnException>(() => RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry("a/b/c"), Now, None))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => RunArtifacts.PutAsync(beta, ArtifactOwner.Run(RunId(1)), Entry("x"), Now, None))).Kind);
        await Tracking.SetRunStageAsync(alpha, RunId(1), LifecycleStage.Deleted, Now, None);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<CairnException>(() => RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry("y"), Now, None))).Kind);
    }
}

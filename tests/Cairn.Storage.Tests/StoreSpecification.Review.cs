using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

/// <summary>Cases found by review: provider limits, case-sensitive paths, write-once under concurrency.</summary>
public abstract partial class StoreSpecification
{
    [Fact]
    public async Task LogBatch_TagOfEightThousandCharacters_IsStored()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        var note = new string('n', 8000);
        await Tracking.LogBatchAsync(alpha, RunId(1), [], [new KeyValue("p", new string('p', 6000))], [new KeyValue("mlflow.note.content", note)], None);
        Assert.Contains(new KeyValue("mlflow.note.content", note), (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Tags);
    }

    [Fact]
    public async Task LogBatch_ConcurrentDifferentValuesForOneParam_ExactlyOneWins()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await Tracking.LogBatchAsync(alpha, RunId(1), [], [new KeyValue("lr", "0." + i)], [], None);
                return true;
            }
            catch (CairnException ex) when (ex.Kind == ErrorKind.Invalid)
            {
                return false;
            }
        })));
        Assert.Equal(1, results.Count(ok => ok));
        var stored = Assert.Single((await Tracking.GetRunAsync(alpha, RunId(1), None))!.Params);
        Assert.Equal("0." + Array.IndexOf(results, true), stored.Value);
    }

    [Fact]
    public async Task RunArtifacts_DirectoriesDifferingOnlyInCase_AreDistinct()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        var artifacts = Services.GetRequiredService<IArtifactTreeStore>();
        await artifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), new ArtifactEntry("Model/a.txt", new string('a', 64), 1), Now, None);
        await artifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), new ArtifactEntry("model/b.txt", new string('b', 64), 1), Now, None);
        await artifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), new ArtifactEntry("MODEL", new string('c', 64), 1), Now, None);
        Assert.Equal(["Model/a.txt"], (await artifacts.ListAsync(alpha, ArtifactOwner.Run(RunId(1)), "Model", None)).Select(a => a.Path));
        Assert.Equal(["Model/a.txt"], (await artifacts.DeleteAsync(alpha, ArtifactOwner.Run(RunId(1)), "Model", None)).Select(a => a.Path));
        Assert.Equal(["MODEL", "model/b.txt"], (await artifacts.ListAsync(alpha, ArtifactOwner.Run(RunId(1)), null, None)).Select(a => a.Path).Order(StringComparer.Ordinal));
    }
}

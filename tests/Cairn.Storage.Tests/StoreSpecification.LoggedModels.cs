using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private ILoggedModelStore LoggedModels => Services.GetRequiredService<ILoggedModelStore>();

    private static string ModelId(int n) => "m-" + n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private LoggedModel NewModel(int n, long experiment, string name, string? sourceRun = null) => new(
        ModelId(n), experiment, name, "Classifier", sourceRun, LoggedModelStatus.Pending, null, LifecycleStage.Active,
        $"mlflow-artifacts:/{experiment}/models/{ModelId(n)}/artifacts", Now + n, Now + n, [new KeyValue("t", "1")], [new KeyValue("alpha", "0.5")]);

    [Fact]
    public async Task LoggedModels_CreateGetFinalizeTagsParamsDelete_WithinTheProject()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await LoggedModels.CreateAsync(alpha, NewModel(1, e.Id, "model", RunId(1)), None);

        var stored = await LoggedModels.GetAsync(alpha, ModelId(1), includeDeleted: false, None);
        Assert.NotNull(stored);
        Assert.Equal(("model", "Classifier", RunId(1), LoggedModelStatus.Pending), (stored.Name, stored.ModelType, stored.SourceRunId, stored.Status));
        Assert.Equal([new KeyValue("t", "1")], stored.Tags);
        Assert.Equal([new KeyValue("alpha", "0.5")], stored.Params);
        Assert.Null(await LoggedModels.GetAsync(beta, ModelId(1), includeDeleted: true, None));

        Assert.Equal(LoggedModelStatus.Ready, (await LoggedModels.SetStatusAsync(alpha, ModelId(1), LoggedModelStatus.Ready, Now + 10, None))!.Status);
        Assert.Null(await LoggedModels.SetStatusAsync(beta, ModelId(1), LoggedModelStatus.Ready, Now, None));
        Assert.True(await LoggedModels.SetTagsAsync(alpha, ModelId(1), [new KeyValue("t", "2"), new KeyValue("u", "3")], Now, None));
        Assert.False(await LoggedModels.SetTagsAsync(beta, ModelId(1), [new KeyValue("x", "y")], Now, None));
        Assert.True(await LoggedModels.DeleteTagAsync(alpha, ModelId(1), "u", Now, None));
        Assert.False(await LoggedModels.DeleteTagAsync(alpha, ModelId(1), "u", Now, None));
        Assert.Null(await LoggedModels.DeleteTagAsync(beta, ModelId(1), "t", Now, None));

        Assert.True(await LoggedModels.LogParamsAsync(alpha, ModelId(1), [new KeyValue("alpha", "0.5"), new KeyValue("beta", "1")], Now, None));
        var changed = await Assert.ThrowsAsync<CairnException>(() => LoggedModels.LogParamsAsync(alpha, ModelId(1), [new KeyValue("gamma", "1"), new KeyValue("alpha", "0.9")], Now, None));
        Assert.Equal(ErrorKind.Invalid, changed.Kind);
        var after = (await LoggedModels.GetAsync(alpha, ModelId(1), includeDeleted: false, None))!;
        Assert.Equal(["alpha=0.5", "beta=1"], after.Params.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal([new KeyValue("t", "2")], after.Tags);

        Assert.False(await LoggedModels.DeleteAsync(beta, ModelId(1), Now, None));
        Assert.True(await LoggedModels.DeleteAsync(alpha, ModelId(1), Now, None));
        Assert.Null(await LoggedModels.GetAsync(alpha, ModelId(1), includeDeleted: false, None));
        Assert.Equal(LifecycleStage.Deleted, (await LoggedModels.GetAsync(alpha, ModelId(1), includeDeleted: true, None))!.LifecycleStage);
        Assert.False(await LoggedModels.SetTagsAsync(alpha, ModelId(1), [new KeyValue("x", "y")], Now, None));
    }

    [Fact]
    public async Task LoggedModels_ListAndRunLinks_AreScopedToProjectAndExperiments()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var x = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        var y = await Tracking.CreateExperimentAsync(alpha, "y", null, [], Now, None);
        var z = await Tracking.CreateExperimentAsync(beta, "z", null, [], Now, None);
        await NewRunAsync(alpha, x.Id, RunId(1));
        await LoggedModels.CreateAsync(alpha, NewModel(1, x.Id, "a"), None);
        await LoggedModels.CreateAsync(alpha, NewModel(2, x.Id, "b"), None);
        await LoggedModels.CreateAsync(alpha, NewModel(3, y.Id, "c"), None);
        await LoggedModels.CreateAsync(beta, NewModel(4, z.Id, "d"), None);

        Assert.Equal([ModelId(2), ModelId(1)], (await LoggedModels.ListAsync(alpha, [x.Id], None)).Select(m => m.ModelId));
        Assert.Equal(3, (await LoggedModels.ListAsync(alpha, [x.Id, y.Id], None)).Count);
        Assert.Equal([ModelId(4)], (await LoggedModels.ListAsync(beta, [x.Id, y.Id, z.Id], None)).Select(m => m.ModelId));

        await LoggedModels.LinkRunAsync(alpha, RunId(1), [new RunModel(ModelId(1), 3)], outputs: true, None);
        await LoggedModels.LinkRunAsync(alpha, RunId(1), [new RunModel(ModelId(2), 0)], outputs: false, None);
        var (outputs, inputs) = await LoggedModels.RunModelsAsync(alpha, RunId(1), None);
        Assert.Equal([new RunModel(ModelId(1), 3)], outputs);
        Assert.Equal([new RunModel(ModelId(2), 0)], inputs);
        Assert.Empty((await LoggedModels.RunModelsAsync(beta, RunId(1), None)).Outputs);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => LoggedModels.LinkRunAsync(alpha, RunId(1), [new RunModel(ModelId(4), 0)], true, None))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => LoggedModels.LinkRunAsync(beta, RunId(1), [new RunModel(ModelId(4), 0)], true, None))).Kind);
    }

    [Fact]
    public async Task ModelArtifacts_AreASeparateTree_AndKeepSharedBlobsReferenced()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await LoggedModels.CreateAsync(alpha, NewModel(1, e.Id, "model"), None);
        var model = ArtifactOwner.Model(ModelId(1));
        await RunArtifacts.PutAsync(alpha, model, Entry("MLmodel", 'c'), Now, None);
        await RunArtifacts.PutAsync(alpha, ArtifactOwner.Run(RunId(1)), Entry("copy", 'c'), Now, None);

        Assert.Equal(["MLmodel"], (await RunArtifacts.ListAsync(alpha, model, null, None)).Select(a => a.Path));
        Assert.Null(await RunArtifacts.GetAsync(alpha, ArtifactOwner.Run(RunId(1)), "MLmodel", None));
        Assert.Null(await RunArtifacts.GetAsync(beta, model, "MLmodel", None));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => RunArtifacts.PutAsync(beta, model, Entry("x"), Now, None))).Kind);

        await RunArtifacts.DeleteAsync(alpha, ArtifactOwner.Run(RunId(1)), "copy", None);
        Assert.True(await RunArtifacts.IsReferencedAsync(new string('c', 64), None), "the model still references the blob");
        await RunArtifacts.DeleteAsync(alpha, model, "MLmodel", None);
        Assert.False(await RunArtifacts.IsReferencedAsync(new string('c', 64), None));

        await LoggedModels.DeleteAsync(alpha, ModelId(1), Now, None);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<CairnException>(() => RunArtifacts.PutAsync(alpha, model, Entry("late"), Now, None))).Kind);
    }
}

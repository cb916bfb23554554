using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private IRegistryStore Registry => Services.GetRequiredService<IRegistryStore>();

    private ModelVersion Version(string name) => new(name, 0, "runs:/x/model", null, null, "", "ada", "None", "READY", new string('d', 64), Now, Now, [new KeyValue("k", "v")], []);

    [Fact]
    public async Task Registry_VersionsAreNumberedPerModel_AndScopedToTheProject()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        var model = new RegisteredModel("clf", "", "low", "ada", Now, Now, [new KeyValue("team", "x")], []);
        await Registry.CreateModelAsync(alpha, model, None);
        await Registry.CreateModelAsync(beta, model, None);
        Assert.Equal(ErrorKind.AlreadyExists, (await Assert.ThrowsAsync<CairnException>(() => Registry.CreateModelAsync(alpha, model, None))).Kind);

        ModelFile[] files = [new("MLmodel", new string('e', 64), 3), new("data/w.bin", new string('f', 64), 9)];
        Assert.Equal(1, (await Registry.CreateVersionAsync(alpha, Version("clf"), files, None)).Version);
        Assert.Equal(2, (await Registry.CreateVersionAsync(alpha, Version("clf"), files[..1], None)).Version);
        Assert.Equal(1, (await Registry.CreateVersionAsync(beta, Version("clf"), [], None)).Version);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => Registry.CreateVersionAsync(alpha, Version("none"), [], None))).Kind);

        Assert.Equal(["MLmodel", "data/w.bin"], (await Registry.FilesAsync(alpha, "clf", 1, None)).Select(f => f.Path));
        Assert.Empty(await Registry.FilesAsync(beta, "clf", 1, None));
        Assert.True(await Registry.SetAliasAsync(alpha, "clf", "champion", 2, Now, None));
        Assert.False(await Registry.SetAliasAsync(alpha, "clf", "champion", 9, Now, None));
        Assert.Equal([new ModelAlias("champion", 2)], (await Registry.GetModelAsync(alpha, "clf", None))!.Aliases);
        Assert.Empty((await Registry.GetModelAsync(beta, "clf", None))!.Aliases);
        Assert.Equal(["champion"], (await Registry.GetVersionAsync(alpha, "clf", 2, None))!.Aliases);
        Assert.Equal([new KeyValue("k", "v")], (await Registry.GetVersionAsync(alpha, "clf", 1, None))!.Tags);

        var trees = Services.GetRequiredService<IArtifactTreeStore>();
        Assert.True(await trees.IsReferencedAsync(new string('f', 64), None), "a registered version keeps its blobs");
        Assert.Equal([new string('e', 64), new string('f', 64)], (await Registry.DeleteVersionAsync(alpha, "clf", 1, None))!.Order(StringComparer.Ordinal));
        Assert.False(await trees.IsReferencedAsync(new string('f', 64), None));
        Assert.Null(await Registry.DeleteVersionAsync(alpha, "clf", 1, None));
        Assert.True(await Registry.RenameModelAsync(alpha, "clf", "fraud", Now, None));
        Assert.Equal([new string('e', 64)], await Registry.DeleteModelAsync(alpha, "fraud", None));
        Assert.Null(await Registry.GetModelAsync(alpha, "fraud", None));
        Assert.NotNull(await Registry.GetVersionAsync(beta, "clf", 1, None));
    }

    [Fact]
    public async Task Registry_AliasResolution_SeesEveryWriteAtOnce()
    {
        // Resolution is served from memory after the first read; each write below must show on the next read.
        var (alpha, beta) = await TwoProjectsAsync();
        await Registry.CreateModelAsync(alpha, new RegisteredModel("clf", "", "low", "ada", Now, Now, [], []), None);
        await Registry.CreateVersionAsync(alpha, Version("clf"), [], None);
        await Registry.CreateVersionAsync(alpha, Version("clf"), [], None);
        Assert.Null(await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None));

        await Registry.SetAliasAsync(alpha, "clf", "champion", 1, Now, None);
        Assert.Equal(1, (await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None))!.Version);
        Assert.Equal(1, (await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None))!.Version);
        Assert.Null(await Registry.GetVersionByAliasAsync(beta, "clf", "champion", None));

        await Registry.SetAliasAsync(alpha, "clf", "champion", 2, Now, None);
        Assert.Equal(2, (await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None))!.Version);

        await Registry.SetVersionTagAsync(alpha, "clf", 2, "validated", "yes", Now, None);
        Assert.Contains(new KeyValue("validated", "yes"), (await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None))!.Tags);

        var governance = Services.GetRequiredService<IRegistryGovernanceStore>();
        Assert.True(await governance.PromoteAsync(alpha, "clf", "champion", 1, null, Now, None));
        Assert.Equal(1, (await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None))!.Version);

        await Registry.DeleteAliasAsync(alpha, "clf", "champion", Now, None);
        Assert.Null(await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None));

        await Registry.SetAliasAsync(alpha, "clf", "champion", 2, Now, None);
        Assert.NotNull(await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None));
        await Registry.RenameModelAsync(alpha, "clf", "fraud", Now, None);
        Assert.Null(await Registry.GetVersionByAliasAsync(alpha, "clf", "champion", None));
        Assert.Equal(2, (await Registry.GetVersionByAliasAsync(alpha, "fraud", "champion", None))!.Version);
        await Registry.DeleteVersionAsync(alpha, "fraud", 2, None);
        Assert.Null(await Registry.GetVersionByAliasAsync(alpha, "fraud", "champion", None));
    }
}

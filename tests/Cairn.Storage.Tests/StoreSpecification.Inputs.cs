using Cairn.Core.Tracking;
using Cairn.Tracking.Search;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private static DatasetInput Input(string name, string digest, string context) =>
        new(new Dataset(name, digest, "local", "{\"uri\": \"/data/" + name + ".csv\"}", "", "{\"num_rows\": 150}"), [new KeyValue("mlflow.data.context", context)]);

    [Fact]
    public async Task LogInputs_DeduplicatesDatasetsPerExperimentAndKeepsTheFirstTags()
    {
        var (alpha, _) = await TwoProjectsAsync();
        var e = await Tracking.CreateExperimentAsync(alpha, "x", null, [], Now, None);
        await NewRunAsync(alpha, e.Id, RunId(1));
        await NewRunAsync(alpha, e.Id, RunId(2), start: 2000);
        await Tracking.LogInputsAsync(alpha, RunId(1), [Input("iris", "d1", "training"), Input("iris", "d2", "eval")], None);
        await Tracking.LogInputsAsync(alpha, RunId(1), [Input("iris", "d1", "changed")], None);
        await Tracking.LogInputsAsync(alpha, RunId(2), [Input("iris", "d1", "eval")], None);

        var inputs = (await Tracking.GetRunAsync(alpha, RunId(1), None))!.Inputs;
        Assert.Equal(["d1:training", "d2:eval"], inputs.Select(i => $"{i.Dataset.Digest}:{i.Tags.Single().Value}"));
        Assert.Equal("{\"num_rows\": 150}", inputs[0].Dataset.Profile);

        var query = (string filter) => new RunQuery(alpha, [e.Id], RunFilterParser.Parse(filter), [], ViewType.ActiveOnly, 10, 0);
        Assert.Equal([RunId(2), RunId(1)], (await Tracking.SearchRunsAsync(query("datasets.name = 'iris'"), None)).Items.Select(r => r.Info.RunId));
        Assert.Equal([RunId(1)], (await Tracking.SearchRunsAsync(query("datasets.digest = 'd2'"), None)).Items.Select(r => r.Info.RunId));
        Assert.Equal([RunId(1)], (await Tracking.SearchRunsAsync(query("datasets.context = 'training'"), None)).Items.Select(r => r.Info.RunId));
        Assert.Equal([RunId(2), RunId(1)], (await Tracking.SearchRunsAsync(query("datasets.context IN ('eval')"), None)).Items.Select(r => r.Info.RunId));
    }
}

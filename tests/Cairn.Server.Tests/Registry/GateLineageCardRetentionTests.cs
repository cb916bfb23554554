using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cairn.Client.Contracts;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Server.Tests.Registry;

/// <summary>The evaluation gate, lineage, model cards, retention and bad input of the native registry API.</summary>
public sealed class GateLineageCardRetentionTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _admin = _scene.Http("admin");
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _scene.DisposeAsync();
    }

    private async Task<(string RunId, ModelVersionDto Version)> RegisterAsync(string model, IReadOnlyDictionary<string, string>? metrics = null, byte[]? content = null)
    {
        var runId = await _scene.RunWithFilesAsync("admin", metrics ?? new Dictionary<string, string>(), ("model/w.bin", content ?? RandomNumberGenerator.GetBytes(1000)));
        await _admin.PostJson("/api/v1/models", new CreateModelRequest(model));
        var version = await (await _admin.PostJson($"/api/v1/models/{model}/versions", new RegisterVersionRequest($"runs:/{runId}/model"))).Read<ModelVersionDto>(HttpStatusCode.Created);
        return (runId, version);
    }

    [Fact]
    public async Task EvaluationGate_HoldsThePromotionUntilALinkedEvaluationRunMeetsIt()
    {
        await (await _admin.PutJson("/api/v1/registry/policy", new RegistryPolicyDto(
            EvaluationGate: [new MetricThresholdDto("accuracy", ">=", 0.9), new MetricThresholdDto("log_loss", "<", 0.4)]))).Read<RegistryPolicyDto>();
        var (_, v) = await RegisterAsync("churn", new Dictionary<string, string> { ["accuracy"] = "0.85", ["log_loss"] = "0.3" });

        var first = await (await _admin.PostJson("/api/v1/models/churn/promotions", new PromotionRequestBody("champion", v.Version))).Read<PromotionDto>(HttpStatusCode.Accepted);
        var missing = Assert.Single(first.Missing);
        Assert.Contains("accuracy >= 0.9", missing, StringComparison.Ordinal);
        Assert.Contains("recorded 0.85", missing, StringComparison.Ordinal);

        var evalRun = await _scene.RunWithFilesAsync("admin", new Dictionary<string, string> { ["accuracy"] = "0.93" });
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostJson("/api/v1/models/churn/versions/1/evaluations", new LinkRunRequest(evalRun))).StatusCode);
        var second = await (await _admin.PostJson("/api/v1/models/churn/promotions", new PromotionRequestBody("champion", v.Version))).Read<PromotionDto>();
        Assert.Equal("promoted", second.Status);
        Assert.Equal(first.Id, second.Id);
        Assert.All(second.Requirements, r => Assert.True(r.Met));

        // Unprotected aliases move at once; the policy names a bad field.
        Assert.Equal("promoted", (await (await _admin.PostJson("/api/v1/models/churn/promotions", new PromotionRequestBody("challenger", 1))).Read<PromotionDto>()).Status);
        await (await _admin.PutJson("/api/v1/registry/policy", new RegistryPolicyDto(EvaluationGate: [new MetricThresholdDto("acc", "=>", 1)]))).Problem(HttpStatusCode.BadRequest, "evaluation_gate[0].op");
        await (await _admin.PutJson("/api/v1/registry/policy", new RegistryPolicyDto(Approvals: new Dictionary<string, int> { ["critical"] = 1 }))).Problem(HttpStatusCode.BadRequest, "not a risk tier");
        using var dana = _scene.Http("dana");
        await (await dana.PutJson("/api/v1/registry/policy", new RegistryPolicyDto())).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Lineage_FromDatasetThroughRunAndVersionToDeployment()
    {
        var (runId, v) = await RegisterAsync("iris");
        var body = """{"run_id": "RUN", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "training"}], "dataset": {"name": "iris-train", "digest": "d41d8cd9", "source_type": "local", "source": "{\"uri\": \"/data/iris.csv\"}"}}]}""";
        using (var inputs = new StringContent(body.Replace("RUN", runId, StringComparison.Ordinal), Encoding.UTF8, "application/json"))
        {
            (await _admin.PostAsync("/api/2.0/mlflow/runs/log-inputs", inputs)).EnsureSuccessStatusCode();
        }

        // Deployments arrive with serving; the edge is recorded by the store it will call.
        var store = _scene.Host.App.Services.GetRequiredService<IRegistryGovernanceStore>();
        Assert.True(await store.AddVersionEdgeAsync(1, "iris", v.Version, LineageRelations.DeployedAs, LineageKinds.Deployment, "iris-prod", 1, CancellationToken.None));

        var graph = await (await _admin.GetAsync("/api/v1/lineage?kind=deployment&key=iris-prod&direction=up")).Read<LineageGraphDto>();
        Assert.Equal("deployment:iris-prod", graph.Root);
        var kinds = graph.Nodes.Select(n => n.Kind).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["dataset", "deployment", "model_version", "run"], kinds);
        var dataset = graph.Nodes.Single(n => n.Kind == "dataset");
        Assert.Equal("d41d8cd9", dataset.Attributes["digest"]);
        Assert.Contains(new LineageEdgeDto(dataset.Id, $"run:{runId}", "input"), graph.Edges);
        Assert.Contains(new LineageEdgeDto($"run:{runId}", "model_version:iris/1", "produced"), graph.Edges);
        Assert.Contains(new LineageEdgeDto("model_version:iris/1", "deployment:iris-prod", "deployed_as"), graph.Edges);

        var down = await (await _admin.GetAsync($"/api/v1/lineage?kind=dataset&key={dataset.Key}&direction=down")).Read<LineageGraphDto>();
        Assert.Equal(4, down.Nodes.Count);
        var fromVersion = await (await _admin.GetAsync("/api/v1/lineage?kind=model_version&key=iris/1")).Read<LineageGraphDto>();
        Assert.Equal(4, fromVersion.Nodes.Count);

        await (await _admin.GetAsync("/api/v1/lineage?kind=model_version&key=iris/9")).Problem(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/api/v1/lineage?kind=table&key=x")).Problem(HttpStatusCode.BadRequest, "kind");
        using var other = new Cairn.Client.CairnClient(_scene.Host.BaseUrl, _scene.Host.AdminKey);
        await other.CreateProjectAsync("elsewhere");
        var foreign = (await other.CreateKeyAsync("elsewhere", new CreateKeyRequest("k", ["read"]))).Secret;
        using var outsider = _scene.Host.Client(foreign);
        await (await outsider.GetAsync($"/api/v1/lineage?kind=run&key={runId}")).Problem(HttpStatusCode.NotFound);
        await (await outsider.GetAsync("/api/v1/models/iris")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ModelCard_RendersRegistryDataAndEditedSections_AsMarkdownAndEscapedHtml()
    {
        var (runId, v) = await RegisterAsync("credit", new Dictionary<string, string> { ["auc"] = "0.91", ["auc/sex:female"] = "0.88", ["auc/sex:male"] = "0.93" });
        var fields = new ModelCardFieldsDto("Scores credit applications.", "Pre-screening with human review.", "Final decisions without review.",
            "May under-serve thin-file applicants <script>alert(1)</script>.", "Trained on 2024 data only.", ["risk-team"]);
        var stored = await (await _admin.PutJson("/api/v1/models/credit/versions/1/card", fields)).Read<ModelCardFieldsDto>();
        Assert.Equal("admin", stored.UpdatedBy);

        var md = await _admin.GetStringAsync("/api/v1/models/credit/versions/1/card?format=md");
        foreach (var part in new[]
        {
            "# Model card: credit version 1", "## Intended use", "Pre-screening with human review.", "## Out-of-scope use", "## Training data",
            "## Evaluation", "| auc | 0.91 | " + runId + " |", "### By slice", "| auc | sex:female | 0.88 |", "## Ethical considerations", "## Limitations",
            "## Owners\n\nrisk-team", "## Version history", v.Digest[..12], "sha256:" + v.Digest,
        })
        {
            Assert.Contains(part, md, StringComparison.Ordinal);
        }

        using var html = await _admin.GetAsync("/api/v1/models/credit/versions/1/card?format=html");
        var page = await html.Content.ReadAsStringAsync();
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Evaluation</h2>", page, StringComparison.Ordinal);

        await (await _admin.GetAsync("/api/v1/models/credit/versions/1/card?format=pdf")).Problem(HttpStatusCode.BadRequest, "format");
        await (await _admin.PutJson("/api/v1/models/credit/versions/7/card", fields)).Problem(HttpStatusCode.NotFound);
        await (await _admin.PutJson("/api/v1/models/credit/versions/1/card", fields with { Overview = new string('x', 20_001) })).Problem(HttpStatusCode.BadRequest, "overview");
    }

    [Fact]
    public async Task Retention_DryRunListsThenDeletes_NeverAliasedOrDeployed_AndReleasesOnlyUnreferencedBlobs()
    {
        var contents = Enumerable.Range(0, 5).Select(_ => RandomNumberGenerator.GetBytes(2000)).ToList();
        for (var i = 0; i < 5; i++)
        {
            await RegisterAsync("ranker", content: contents[i]);
        }

        // A sixth version with version 3's bytes: deleting 3 must not remove the blob 6 still needs.
        await RegisterAsync("ranker", content: contents[2]);
        await (await _admin.PostJson("/api/v1/models/ranker/promotions", new PromotionRequestBody("champion", 1))).Read<PromotionDto>();
        var store = _scene.Host.App.Services.GetRequiredService<IRegistryGovernanceStore>();
        await store.AddVersionEdgeAsync(1, "ranker", 2, LineageRelations.DeployedAs, LineageKinds.Deployment, "ranker-prod", 1, CancellationToken.None);
        await (await _admin.PutJson("/api/v1/models/ranker/retention", new RetentionDto(2, null))).Read<RetentionDto>();

        var dry = await (await _admin.PostAsync("/api/v1/models/ranker/gc?dry_run=true", null)).Read<RetentionRunDto>();
        Assert.True(dry.DryRun);
        Assert.Equal([3L, 4L], dry.Decisions.Where(d => d.Delete).Select(d => d.Version).Order());
        Assert.Contains(dry.Decisions, d => d.Version == 1 && d.Reason.Contains("alias champion", StringComparison.Ordinal));
        Assert.Contains(dry.Decisions, d => d.Version == 2 && d.Reason == "kept: deployed");
        Assert.Equal(6, (await (await _admin.GetAsync("/api/v1/models/ranker/versions")).Read<ModelVersionDto[]>()).Length);

        var run = await (await _admin.PostAsync("/api/v1/registry/gc", null)).Read<RetentionRunDto>();
        Assert.Equal([3L, 4L], run.Decisions.Where(d => d.Delete).Select(d => d.Version).Order());
        Assert.Equal([6L, 5L, 2L, 1L], (await (await _admin.GetAsync("/api/v1/models/ranker/versions")).Read<ModelVersionDto[]>()).Select(v => v.Version));
        await (await _admin.GetAsync("/api/v1/models/ranker/versions/3")).Problem(HttpStatusCode.NotFound);

        // Version 6 (and the runs) still hold every blob; content stays downloadable.
        Assert.Equal(contents[2], await _admin.GetByteArrayAsync("/api/v1/models/ranker/versions/6/files/w.bin"));
        await (await _admin.PutJson("/api/v1/models/ranker/retention", new RetentionDto(null, null))).Problem(HttpStatusCode.BadRequest, "keep_last");
        await (await _admin.PutJson("/api/v1/models/ranker/retention", new RetentionDto(0, null))).Problem(HttpStatusCode.BadRequest, "keep_last");
    }

    [Fact]
    public async Task BadInput_Is4xxNamingWhatIsWrong()
    {
        await RegisterAsync("m1");
        await (await _admin.GetAsync("/api/v1/models/nope")).Problem(HttpStatusCode.NotFound, "nope");
        await (await _admin.GetAsync("/api/v1/models/m1/versions/9")).Problem(HttpStatusCode.NotFound, "version=9");
        await (await _admin.GetAsync("/api/v1/models/m1/versions/x")).Problem(HttpStatusCode.BadRequest, "positive integer");
        await (await _admin.GetAsync("/api/v1/models/m1/versions/1/files/none.bin")).Problem(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/api/v1/promotions/999")).Problem(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/api/v1/promotions?status=open")).Problem(HttpStatusCode.BadRequest, "status");
        await (await _admin.PostJson("/api/v1/models/m1/promotions", new PromotionRequestBody("v3", 1))).Problem(HttpStatusCode.BadRequest, "reserved");
        await (await _admin.PostJson("/api/v1/models/m1/promotions", new PromotionRequestBody("champion", 5))).Problem(HttpStatusCode.NotFound);

        // Registering from a deleted run is a 400.
        var runId = await _scene.RunWithFilesAsync("admin", new Dictionary<string, string>(), ("model/w.bin", [1, 2, 3]));
        using (var delete = new StringContent($$"""{"run_id": "{{runId}}"}""", Encoding.UTF8, "application/json"))
        {
            (await _admin.PostAsync("/api/2.0/mlflow/runs/delete", delete)).EnsureSuccessStatusCode();
        }

        await (await _admin.PostJson("/api/v1/models/m1/versions", new RegisterVersionRequest($"runs:/{runId}/model"))).Problem(HttpStatusCode.BadRequest, "deleted");

        // Editors may not change the tier nor remove a protected alias; viewers may not write.
        using var dana = _scene.Http("dana");
        await (await dana.PatchAsync("/api/v1/models/m1", JsonContent(new UpdateModelRequest(RiskTier: "low")))).Problem(HttpStatusCode.Forbidden, "risk tier");
        await (await _admin.PostJson("/api/v1/models/m1/promotions", new PromotionRequestBody("champion", 1))).Read<PromotionDto>();
        await (await dana.DeleteAsync("/api/v1/models/m1/aliases/champion")).Problem(HttpStatusCode.Forbidden, "protected");
        using var vic = _scene.Http("vic");
        await (await vic.PostJson("/api/v1/models/m1/promotions", new PromotionRequestBody("champion", 1))).Problem(HttpStatusCode.Forbidden);
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Cairn.Client.CairnJson.Options), Encoding.UTF8, "application/json");
}

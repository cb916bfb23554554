using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private IRegistryGovernanceStore Governance => Services.GetRequiredService<IRegistryGovernanceStore>();

    private async Task<(long Alpha, long Beta)> TwoModelsAsync()
    {
        var (alpha, beta) = await TwoProjectsAsync();
        foreach (var project in new[] { alpha, beta })
        {
            await Registry.CreateModelAsync(project, new RegisteredModel("clf", "", "high", "ada", Now, Now, [], []), None);
            await Registry.CreateVersionAsync(project, Version("clf") with { RunId = "run1" }, [new("w.bin", new string('e', 64), 3)], None);
        }

        await Registry.CreateVersionAsync(alpha, Version("clf"), [new("w.bin", new string('f', 64), 3)], None);
        return (alpha, beta);
    }

    [Fact]
    public async Task Governance_KeysSignaturesAndPolicy_AreScopedToTheProject()
    {
        var (alpha, beta) = await TwoModelsAsync();
        var key = new SigningKey("0123456789abcdef", "release", "-----BEGIN PUBLIC KEY-----", "ada", Now, null);
        await Governance.AddSigningKeyAsync(alpha, key, None);
        await Governance.AddSigningKeyAsync(beta, key, None);
        Assert.Equal(ErrorKind.AlreadyExists, (await Assert.ThrowsAsync<CairnException>(() => Governance.AddSigningKeyAsync(alpha, key with { Id = "fedcba9876543210" }, None))).Kind);
        Assert.True(await Governance.RevokeSigningKeyAsync(alpha, key.Id, Now, None));
        Assert.False(await Governance.RevokeSigningKeyAsync(alpha, key.Id, Now, None));
        Assert.NotNull(Assert.Single(await Governance.ListSigningKeysAsync(alpha, None)).RevokedAt);
        Assert.Null(Assert.Single(await Governance.ListSigningKeysAsync(beta, None)).RevokedAt);

        Assert.True(await Governance.AddSignatureAsync(alpha, "clf", 1, new VersionSignature(key.Id, "c2ln", "ada", Now), None));
        Assert.True(await Governance.AddSignatureAsync(alpha, "clf", 1, new VersionSignature(key.Id, "bmV3", "bob", Now), None));
        Assert.False(await Governance.AddSignatureAsync(alpha, "clf", 9, new VersionSignature(key.Id, "c2ln", "ada", Now), None));
        Assert.Equal(("bmV3", "bob"), Assert.Single(await Governance.SignaturesAsync(alpha, "clf", 1, None)) is var s ? (s.Signature, s.SignedBy) : default);
        Assert.Empty(await Governance.SignaturesAsync(beta, "clf", 1, None));

        Assert.Null(await Governance.GetPolicyAsync(alpha, None));
        await Governance.SetPolicyAsync(alpha, "{\"a\":1}", "ada", Now, None);
        await Governance.SetPolicyAsync(alpha, "{\"a\":2}", "ada", Now, None);
        Assert.Equal("{\"a\":2}", await Governance.GetPolicyAsync(alpha, None));
        Assert.Null(await Governance.GetPolicyAsync(beta, None));
    }

    [Fact]
    public async Task Governance_PromotionsReviewsAndPromote()
    {
        var (alpha, beta) = await TwoModelsAsync();
        var first = await Governance.CreatePromotionAsync(alpha, "clf", "champion", 1, "ada", Now, None);
        var duplicate = await Governance.CreatePromotionAsync(alpha, "clf", "champion", 1, "ada", Now, None);
        var other = await Governance.CreatePromotionAsync(alpha, "clf", "champion", 2, "ada", Now, None);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<CairnException>(() => Governance.CreatePromotionAsync(alpha, "clf", "champion", 7, "ada", Now, None))).Kind);
        Assert.Equal(duplicate.Id, (await Governance.FindPendingPromotionAsync(alpha, "clf", "champion", 1, None))!.Id);
        Assert.Null(await Governance.GetPromotionAsync(beta, first.Id, None));

        Assert.True(await Governance.AddReviewAsync(alpha, first.Id, new PromotionReview("erin", "approve", "", Now), None));
        Assert.True(await Governance.AddReviewAsync(alpha, first.Id, new PromotionReview("erin", "approve", "again", Now), None));
        Assert.True(await Governance.AddReviewAsync(alpha, first.Id, new PromotionReview("finn", "approve", "", Now), None));
        Assert.Equal(["erin", "finn"], (await Governance.GetPromotionAsync(alpha, first.Id, None))!.Reviews.Select(r => r.Reviewer));

        // Promoting one request cancels the duplicate for the same move and leaves the request for another version pending.
        Assert.True(await Governance.PromoteAsync(alpha, "clf", "champion", 1, first.Id, Now, None));
        Assert.Equal(PromotionStatus.Promoted, (await Governance.GetPromotionAsync(alpha, first.Id, None))!.Status);
        Assert.Equal(PromotionStatus.Cancelled, (await Governance.GetPromotionAsync(alpha, duplicate.Id, None))!.Status);
        Assert.Equal([other.Id], (await Governance.ListPromotionsAsync(alpha, PromotionStatus.Pending, 10, None)).Select(p => p.Id));
        Assert.Equal([new ModelAlias("champion", 1)], (await Registry.GetModelAsync(alpha, "clf", None))!.Aliases);
        Assert.False(await Governance.AddReviewAsync(alpha, first.Id, new PromotionReview("gus", "approve", "", Now), None));

        Assert.True(await Governance.AddReviewAsync(alpha, other.Id, new PromotionReview("erin", "reject", "no", Now), None));
        Assert.Equal(PromotionStatus.Rejected, (await Governance.GetPromotionAsync(alpha, other.Id, None))!.Status);
        Assert.Empty(await Governance.ListPromotionsAsync(beta, null, 10, None));
    }

    [Fact]
    public async Task Governance_CardsRetentionEdges_AndDeletingAVersionTakesThemAlong()
    {
        var (alpha, beta) = await TwoModelsAsync();
        var card = new ModelCardFields("o", "i", "x", "e", "l", ["team"], "ada", Now);
        Assert.True(await Governance.SetCardAsync(alpha, "clf", 1, card, None));
        Assert.False(await Governance.SetCardAsync(alpha, "clf", 9, card, None));
        var stored = await Governance.GetCardAsync(alpha, "clf", 1, None);
        Assert.Equal(card with { Owners = [] }, stored! with { Owners = [] });
        Assert.Equal(["team"], stored.Owners);
        Assert.Null(await Governance.GetCardAsync(beta, "clf", 1, None));

        Assert.True(await Governance.SetRetentionAsync(alpha, "clf", new RetentionPolicy(3, null), Now, None));
        Assert.True(await Governance.SetRetentionAsync(alpha, "clf", new RetentionPolicy(null, 30), Now, None));
        Assert.Equal(new RetentionPolicy(null, 30), await Governance.GetRetentionAsync(alpha, "clf", None));
        Assert.Null(await Governance.GetRetentionAsync(beta, "clf", None));
        Assert.False(await Governance.SetRetentionAsync(alpha, "none", new RetentionPolicy(1, null), Now, None));

        Assert.True(await Governance.AddVersionEdgeAsync(alpha, "clf", 1, LineageRelations.DeployedAs, LineageKinds.Deployment, "prod", Now, None));
        Assert.True(await Governance.AddVersionEdgeAsync(alpha, "clf", 1, LineageRelations.DeployedAs, LineageKinds.Deployment, "prod", Now, None));
        Assert.False(await Governance.AddVersionEdgeAsync(alpha, "clf", 9, LineageRelations.DeployedAs, LineageKinds.Deployment, "prod", Now, None));
        Assert.Equal([(LineageRelations.DeployedAs, LineageKinds.Deployment, "prod")], await Governance.EdgesFromVersionAsync(alpha, "clf", 1, None));
        Assert.Equal([("clf", 1L, LineageRelations.DeployedAs)], await Governance.VersionsWithEdgeToAsync(alpha, LineageKinds.Deployment, "prod", None));
        Assert.Empty(await Governance.VersionsWithEdgeToAsync(beta, LineageKinds.Deployment, "prod", None));
        Assert.Equal([("clf", 1L)], await Governance.VersionsOfRunAsync(alpha, "run1", None));
        Assert.True(await Governance.AddVersionEdgeAsync(alpha, "clf", 1, LineageRelations.DeployedAs, LineageKinds.Deployment, "gone", Now, None));
        Assert.False(await Governance.RemoveVersionEdgeAsync(beta, "clf", 1, LineageRelations.DeployedAs, LineageKinds.Deployment, "gone", None));
        Assert.True(await Governance.RemoveVersionEdgeAsync(alpha, "clf", 1, LineageRelations.DeployedAs, LineageKinds.Deployment, "gone", None));
        Assert.False(await Governance.RemoveVersionEdgeAsync(alpha, "clf", 1, LineageRelations.DeployedAs, LineageKinds.Deployment, "gone", None));
        Assert.Equal([(LineageRelations.DeployedAs, LineageKinds.Deployment, "prod")], await Governance.EdgesFromVersionAsync(alpha, "clf", 1, None));

        // Everything hanging off a version goes with it (foreign keys hold on PostgreSQL), then with the model.
        await Governance.AddSigningKeyAsync(alpha, new SigningKey("0123456789abcdef", "k", "pem", "ada", Now, null), None);
        await Governance.AddSignatureAsync(alpha, "clf", 1, new VersionSignature("0123456789abcdef", "c2ln", "ada", Now), None);
        var request = await Governance.CreatePromotionAsync(alpha, "clf", "champion", 1, "ada", Now, None);
        await Governance.AddReviewAsync(alpha, request.Id, new PromotionReview("erin", "approve", "", Now), None);
        Assert.NotNull(await Registry.DeleteVersionAsync(alpha, "clf", 1, None));
        Assert.Null(await Governance.GetCardAsync(alpha, "clf", 1, None));
        Assert.Empty(await Governance.EdgesFromVersionAsync(alpha, "clf", 1, None));
        Assert.Null(await Governance.GetPromotionAsync(alpha, request.Id, None));
        Assert.Empty(await Governance.SignaturesAsync(alpha, "clf", 1, None));

        await Governance.CreatePromotionAsync(alpha, "clf", "champion", 2, "ada", Now, None);
        await Governance.AddVersionEdgeAsync(alpha, "clf", 2, LineageRelations.EvaluatedBy, LineageKinds.Run, "run2", Now, None);
        await Governance.SetCardAsync(alpha, "clf", 2, card, None);
        Assert.NotNull(await Registry.DeleteModelAsync(alpha, "clf", None));
        Assert.Empty(await Governance.ListPromotionsAsync(alpha, null, 10, None));
        Assert.NotNull(await Registry.GetModelAsync(beta, "clf", None));
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cairn.Client.Contracts;
using Xunit;

namespace Cairn.Server.Tests.Registry;

/// <summary>
/// The round trip on a high-risk model: unsigned → refused at load; signed with openssl (an
/// independent implementation of ECDSA P-256) → verified; a protected alias moves only after two approvals
/// by approvers who are not the author; every step audited; a tampered blob is refused after promotion.
/// </summary>
public sealed class SignApprovePromoteTests : IAsyncLifetime
{
    private static readonly (string Path, byte[] Content)[] Files =
    [
        ("MLmodel", "artifact_path: model\nflavors: {}\n"u8.ToArray()),
        ("data/model.onnx", RandomNumberGenerator.GetBytes(40_000)),
    ];

    private RegistryScene _scene = null!;
    private string _runId = null!;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _runId = await _scene.RunWithFilesAsync("dana", new Dictionary<string, string>(), Files.Select(f => ("model/" + f.Path, f.Content)).ToArray());
        using var dana = _scene.Http("dana");
        await (await dana.PostJson("/api/v1/models", new CreateModelRequest("fraud", "card fraud", "high"))).Read<ModelDto>(HttpStatusCode.Created);
        var version = await (await dana.PostJson("/api/v1/models/fraud/versions", new RegisterVersionRequest($"runs:/{_runId}/model"))).Read<ModelVersionDto>(HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RegistryScene.ManifestText(Files)))), version.Digest);
    }

    public async ValueTask DisposeAsync() => await _scene.DisposeAsync();

    private async Task<string> AddKeyAndSignAsync(string keyName)
    {
        var (privateKey, publicPem) = await _scene.OpensslKeyAsync(keyName);
        using var admin = _scene.Http("admin");
        var key = await (await admin.PostJson("/api/v1/signing-keys", new AddSigningKeyRequest(keyName, publicPem))).Read<SigningKeyDto>(HttpStatusCode.Created);
        return key.Id + ":" + await _scene.OpensslSignAsync(privateKey, RegistryScene.ManifestText(Files));
    }

    [Fact]
    public async Task HighRiskVersion_SignVerifyApprovePromote_RoundTrip()
    {
        using var dana = _scene.Http("dana");
        using var erin = _scene.Http("erin");
        using var finn = _scene.Http("finn");

        // Unsigned, a high-risk version is refused at load (default policy) and the refusal is audited.
        await (await dana.GetAsync("/api/v1/models/fraud/versions/1/files/MLmodel")).Problem(HttpStatusCode.Conflict, "no valid signature");
        var unsigned = await (await dana.GetAsync("/api/v1/models/fraud/versions/1/verify")).Read<VerificationDto>();
        Assert.True(unsigned.Intact);
        Assert.False(unsigned.Loadable);

        // The author asks; the request names each missing requirement.
        var pending = await (await dana.PostJson("/api/v1/models/fraud/promotions", new PromotionRequestBody("champion", 1))).Read<PromotionDto>(HttpStatusCode.Accepted);
        Assert.Equal("pending", pending.Status);
        Assert.Equal(["approvals", "signature"], pending.Requirements.Where(r => !r.Met).Select(r => r.Kind));
        Assert.Contains(pending.Missing, m => m.Contains("2 approvals", StringComparison.Ordinal) && m.Contains("none yet", StringComparison.Ordinal));

        // The MLflow client's set-alias is refused with 409 naming what is missing.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/2.0/mlflow/registered-models/alias")
        {
            Content = new StringContent("""{"name": "fraud", "alias": "champion", "version": "1"}""", Encoding.UTF8, "application/json"),
        })
        {
            using var refused = await dana.SendAsync(request);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("RESOURCE_CONFLICT", text, StringComparison.Ordinal);
            Assert.Contains("approvals", text, StringComparison.Ordinal);
            Assert.Contains("signature", text, StringComparison.Ordinal);
        }

        // Sign with openssl over the manifest text; the server checks it against the registered key.
        var signed = await AddKeyAndSignAsync("release");
        var state = await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(signed[17..], signed[..16]))).Read<SignatureStateDto>();
        Assert.Equal("valid", state.State);
        var verified = await (await dana.GetAsync("/api/v1/models/fraud/versions/1/verify")).Read<VerificationDto>();
        Assert.True(verified is { Intact: true, Signed: true, Loadable: true, Files: 2 });
        Assert.Equal(Files.Sum(f => f.Content.Length), verified.BytesVerified);

        // Approvals: the author cannot approve (she is an editor; and the author is refused even as approver).
        await (await dana.PostJson($"/api/v1/promotions/{pending.Id}/approve", new ReviewRequest())).Problem(HttpStatusCode.Forbidden, "approver or owner role");
        var one = await (await erin.PostJson($"/api/v1/promotions/{pending.Id}/approve", new ReviewRequest("looks good"))).Read<PromotionDto>();
        Assert.Equal("pending", one.Status);
        Assert.Contains(one.Missing, m => m.Contains("1 given by erin", StringComparison.Ordinal));
        var two = await (await finn.PostJson($"/api/v1/promotions/{pending.Id}/approve", new ReviewRequest())).Read<PromotionDto>();
        Assert.Equal("promoted", two.Status);
        Assert.Empty(two.Missing);

        var champion = await (await dana.GetAsync("/api/v1/models/fraud/aliases/champion")).Read<ModelVersionDto>();
        Assert.Equal(1, champion.Version);
        Assert.Equal(Files[0].Content, await dana.GetByteArrayAsync("/api/v1/models/fraud/versions/1/files/MLmodel"));
        Assert.Equal(Files[1].Content, await dana.GetByteArrayAsync("/api/2.0/mlflow-artifacts/artifacts/registry/fraud/1/data/model.onnx"));

        using var admin = _scene.Http("admin");
        foreach (var action in new[] { "RequestPromotion", "ApprovePromotion", "SignModelVersion", "AddSigningKey", "registry.unsigned_refused" })
        {
            var events = await admin.GetStringAsync($"/api/v1/audit/events?action={action}");
            Assert.Contains("fraud", events.Replace("signing key release", "fraud", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains("status promoted", await admin.GetStringAsync("/api/v1/audit/events?action=ApprovePromotion"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorHoldingApproverRole_CannotApproveOwnVersion()
    {
        using var admin = _scene.Http("admin");
        using var erin = _scene.Http("erin");
        var runId = await _scene.RunWithFilesAsync("erin", new Dictionary<string, string>(), ("m/w.bin", RandomNumberGenerator.GetBytes(100)));
        await (await erin.PostJson("/api/v1/models", new CreateModelRequest("erins", null, "medium"))).Read<ModelDto>(HttpStatusCode.Created);
        await (await erin.PostJson("/api/v1/models/erins/versions", new RegisterVersionRequest($"runs:/{runId}/m"))).Read<ModelVersionDto>(HttpStatusCode.Created);
        var request = await (await erin.PostJson("/api/v1/models/erins/promotions", new PromotionRequestBody("champion", 1))).Read<PromotionDto>(HttpStatusCode.Accepted);
        await (await erin.PostJson($"/api/v1/promotions/{request.Id}/approve", new ReviewRequest())).Problem(HttpStatusCode.Forbidden, "registered erins version 1");

        // A rejection closes the request; reviewing it again is a conflict.
        var rejected = await (await admin.PostJson($"/api/v1/promotions/{request.Id}/reject", new ReviewRequest("needs a bias review"))).Read<PromotionDto>();
        Assert.Equal("rejected", rejected.Status);
        await (await admin.PostJson($"/api/v1/promotions/{request.Id}/approve", new ReviewRequest())).Problem(HttpStatusCode.Conflict, "rejected");
        await (await admin.GetAsync("/api/v1/models/erins/aliases/champion")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Signatures_ThatDoNotVerify_Are422AndNothingIsStored()
    {
        using var dana = _scene.Http("dana");
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest("AAAA"))).Problem((HttpStatusCode)422, "no active signing key");
        var signed = await AddKeyAndSignAsync("ci");
        var (keyId, signature) = (signed[..16], signed[17..]);

        // A signature over other bytes, a truncated one, one for an unknown key, and not base64 at all.
        var (otherKey, _) = await _scene.OpensslKeyAsync("stranger");
        var wrong = await _scene.OpensslSignAsync(otherKey, RegistryScene.ManifestText(Files));
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(wrong, keyId))).Problem((HttpStatusCode)422, "does not verify");
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(signature[..24], keyId))).Problem((HttpStatusCode)422, "does not verify");
        var otherContent = await _scene.OpensslSignAsync(_scene.Work + "/ci.pem", "something else\n");
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(otherContent, keyId))).Problem((HttpStatusCode)422, "does not verify");
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(signature, "0123456789abcdef"))).Problem((HttpStatusCode)422, "not an active signing key");
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest("not base64!"))).Problem(HttpStatusCode.BadRequest, "signature");
        Assert.Empty((await (await dana.GetAsync("/api/v1/models/fraud/versions/1/verify")).Read<VerificationDto>()).Signatures);

        // The right one is accepted; revoking its key makes the version unsigned again.
        Assert.Equal("valid", (await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(signature))).Read<SignatureStateDto>()).State);
        using var admin = _scene.Http("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/signing-keys/{keyId}")).StatusCode);
        var after = await (await dana.GetAsync("/api/v1/models/fraud/versions/1/verify")).Read<VerificationDto>();
        Assert.Equal("revoked_key", Assert.Single(after.Signatures).State);
        Assert.False(after.Loadable);

        // Only admins register keys; a key that is not P-256 is refused naming the field.
        await (await dana.PostJson("/api/v1/signing-keys", new AddSigningKeyRequest("mine", "x"))).Problem(HttpStatusCode.Forbidden);
        using var rsa = RSA.Create(2048);
        await (await admin.PostJson("/api/v1/signing-keys", new AddSigningKeyRequest("rsa", rsa.ExportSubjectPublicKeyInfoPem()))).Problem(HttpStatusCode.BadRequest, "public_key");
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        await (await admin.PostJson("/api/v1/signing-keys", new AddSigningKeyRequest("p384", p384.ExportSubjectPublicKeyInfoPem()))).Problem(HttpStatusCode.BadRequest, "P-256");
    }

    [Fact]
    public async Task TamperedBlob_AfterSigning_IsRefusedAtLoadAndAudited()
    {
        var signed = await AddKeyAndSignAsync("release");
        using var dana = _scene.Http("dana");
        await (await dana.PostJson("/api/v1/models/fraud/versions/1/signatures", new AddSignatureRequest(signed[17..], signed[..16]))).Read<SignatureStateDto>();
        var digest = Convert.ToHexStringLower(SHA256.HashData(Files[1].Content));
        var blob = Path.Combine(_scene.Host.DataDirectory, "blobs", "sha256", digest[..2], digest[2..4], digest);
        File.SetAttributes(blob, FileAttributes.Normal);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[7] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes);

        await (await dana.GetAsync("/api/v1/models/fraud/versions/1/files/data/model.onnx")).Problem(HttpStatusCode.Conflict, "no longer matches");
        var check = await (await dana.GetAsync("/api/v1/models/fraud/versions/1/verify")).Read<VerificationDto>();
        Assert.False(check.Intact);
        Assert.False(check.Loadable);
        Assert.Contains("data/model.onnx", check.Problem, StringComparison.Ordinal);
        using var admin = _scene.Http("admin");
        Assert.Contains("data/model.onnx", await admin.GetStringAsync("/api/v1/audit/events?action=registry.tamper_detected"), StringComparison.Ordinal);
    }
}

using System.Globalization;
using Cairn.Client.Contracts;

namespace Cairn.Client;

public sealed partial class CairnClient
{
    /// <summary>Registered models of the key's project.</summary>
    public Task<ModelDto[]> ListModelsAsync(CancellationToken ct = default) => GetAsync<ModelDto[]>("api/v1/models", ct);

    /// <summary>One registered model.</summary>
    public Task<ModelDto> GetModelAsync(string name, CancellationToken ct = default) => GetAsync<ModelDto>($"api/v1/models/{Esc(name)}", ct);

    /// <summary>Creates a registered model.</summary>
    public Task<ModelDto> CreateModelAsync(CreateModelRequest request, CancellationToken ct = default) =>
        SendAsync<ModelDto>(HttpMethod.Post, "api/v1/models", request, ct);

    /// <summary>Versions of a model, newest first.</summary>
    public Task<ModelVersionDto[]> ListVersionsAsync(string name, CancellationToken ct = default) =>
        GetAsync<ModelVersionDto[]>($"api/v1/models/{Esc(name)}/versions", ct);

    /// <summary>One version.</summary>
    public Task<ModelVersionDto> GetVersionAsync(string name, long version, CancellationToken ct = default) =>
        GetAsync<ModelVersionDto>($"api/v1/models/{Esc(name)}/versions/{V(version)}", ct);

    /// <summary>The version an alias points at.</summary>
    public Task<ModelVersionDto> GetVersionByAliasAsync(string name, string alias, CancellationToken ct = default) =>
        GetAsync<ModelVersionDto>($"api/v1/models/{Esc(name)}/aliases/{Esc(alias)}", ct);

    /// <summary>Registers the next version of a model from a source Cairn holds.</summary>
    public Task<ModelVersionDto> RegisterVersionAsync(string name, RegisterVersionRequest request, CancellationToken ct = default) =>
        SendAsync<ModelVersionDto>(HttpMethod.Post, $"api/v1/models/{Esc(name)}/versions", request, ct);

    /// <summary>Registers the next version from a package (zip, tar or tar.gz bytes) sent as the body.</summary>
    public Task<ModelVersionDto> UploadVersionAsync(string name, Stream package, string? description = null, CancellationToken ct = default) =>
        SendAsync<ModelVersionDto>(
            HttpMethod.Post,
            $"api/v1/models/{Esc(name)}/versions/upload" + (description is null ? string.Empty : "?description=" + Uri.EscapeDataString(description)),
            new StreamContent(package),
            ct);

    /// <summary>A version's manifest.</summary>
    public Task<ModelFileDto[]> ListVersionFilesAsync(string name, long version, CancellationToken ct = default) =>
        GetAsync<ModelFileDto[]>($"api/v1/models/{Esc(name)}/versions/{V(version)}/files", ct);

    /// <summary>Uploads a detached signature of a version's digest.</summary>
    public Task<SignatureStateDto> SignVersionAsync(string name, long version, AddSignatureRequest request, CancellationToken ct = default) =>
        SendAsync<SignatureStateDto>(HttpMethod.Post, $"api/v1/models/{Esc(name)}/versions/{V(version)}/signatures", request, ct);

    /// <summary>Re-hashes a version's files and checks its signatures on the server.</summary>
    public Task<VerificationDto> VerifyVersionAsync(string name, long version, CancellationToken ct = default) =>
        GetAsync<VerificationDto>($"api/v1/models/{Esc(name)}/versions/{V(version)}/verify", ct);

    /// <summary>Asks to point an alias at a version; promoted at once unless the alias is protected and requirements are missing.</summary>
    public Task<PromotionDto> RequestPromotionAsync(string name, string alias, long version, CancellationToken ct = default) =>
        SendAsync<PromotionDto>(HttpMethod.Post, $"api/v1/models/{Esc(name)}/promotions", new PromotionRequestBody(alias, version), ct);

    /// <summary>Promotion requests, newest first.</summary>
    public Task<PromotionDto[]> ListPromotionsAsync(string? status = null, CancellationToken ct = default) =>
        GetAsync<PromotionDto[]>(status is null ? "api/v1/promotions" : $"api/v1/promotions?status={Esc(status)}", ct);

    /// <summary>Approves (or rejects) a promotion request.</summary>
    public Task<PromotionDto> ReviewPromotionAsync(long id, bool approve, string? comment = null, CancellationToken ct = default) =>
        SendAsync<PromotionDto>(HttpMethod.Post, $"api/v1/promotions/{V(id)}/{(approve ? "approve" : "reject")}", new ReviewRequest(comment), ct);

    /// <summary>A version's model card as Markdown or HTML.</summary>
    public async Task<string> GetModelCardAsync(string name, long version, string format, CancellationToken ct = default)
    {
        using var stream = await SendAsync<Stream>(HttpMethod.Get, $"api/v1/models/{Esc(name)}/versions/{V(version)}/card?format={Esc(format)}", null, ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the editable sections of a version's model card.</summary>
    public Task<ModelCardFieldsDto> SetModelCardAsync(string name, long version, ModelCardFieldsDto fields, CancellationToken ct = default) =>
        SendAsync<ModelCardFieldsDto>(HttpMethod.Put, $"api/v1/models/{Esc(name)}/versions/{V(version)}/card", fields, ct);

    /// <summary>Sets a model's retention policy.</summary>
    public Task<RetentionDto> SetRetentionAsync(string name, RetentionDto policy, CancellationToken ct = default) =>
        SendAsync<RetentionDto>(HttpMethod.Put, $"api/v1/models/{Esc(name)}/retention", policy, ct);

    /// <summary>Applies retention to one model or, when <paramref name="name"/> is null, to every model with a policy.</summary>
    public Task<RetentionRunDto> CollectVersionsAsync(string? name, bool dryRun, CancellationToken ct = default) =>
        SendAsync<RetentionRunDto>(
            HttpMethod.Post, (name is null ? "api/v1/registry/gc" : $"api/v1/models/{Esc(name)}/gc") + (dryRun ? "?dry_run=true" : ""), null, ct);

    /// <summary>The project's signing keys.</summary>
    public Task<SigningKeyDto[]> ListSigningKeysAsync(CancellationToken ct = default) => GetAsync<SigningKeyDto[]>("api/v1/signing-keys", ct);

    /// <summary>Registers a public signing key (admin).</summary>
    public Task<SigningKeyDto> AddSigningKeyAsync(string name, string publicKeyPem, CancellationToken ct = default) =>
        SendAsync<SigningKeyDto>(HttpMethod.Post, "api/v1/signing-keys", new AddSigningKeyRequest(name, publicKeyPem), ct);

    /// <summary>Revokes a signing key (admin); its signatures stop counting.</summary>
    public Task RevokeSigningKeyAsync(string keyId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/signing-keys/{Esc(keyId)}", null, ct);

    /// <summary>The project's registry policy.</summary>
    public Task<RegistryPolicyDto> GetRegistryPolicyAsync(CancellationToken ct = default) => GetAsync<RegistryPolicyDto>("api/v1/registry/policy", ct);

    /// <summary>Replaces the project's registry policy (admin).</summary>
    public Task<RegistryPolicyDto> SetRegistryPolicyAsync(RegistryPolicyDto policy, CancellationToken ct = default) =>
        SendAsync<RegistryPolicyDto>(HttpMethod.Put, "api/v1/registry/policy", policy, ct);

    /// <summary>The lineage graph around a node.</summary>
    public Task<LineageGraphDto> GetLineageAsync(string kind, string key, string direction = "both", CancellationToken ct = default) =>
        GetAsync<LineageGraphDto>($"api/v1/lineage?kind={Esc(kind)}&key={Esc(key)}&direction={Esc(direction)}", ct);

    private static string V(long n) => n.ToString(CultureInfo.InvariantCulture);
}

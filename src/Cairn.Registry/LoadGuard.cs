using System.Diagnostics;
using Cairn.Core.Access;
using Cairn.Core.Audit;
using Cairn.Core.Errors;
using Cairn.Governance.Audit;

namespace Cairn.Registry;

/// <summary>
/// The check every load of a version passes (a download through the artifact proxy or the native API, a
/// deployment reading it): the manifest must still match the digest, files re-hash to their entries, and
/// a valid signature must be present when the policy asks for one. A refusal is a 409 with the reason and
/// an audit event, even though the request is a read.
/// </summary>
public sealed class LoadGuard(SigningService signing, RegistryService registry, AuditWriter audit, TimeProvider time)
{
    /// <summary>Verifies the version (re-hashing every file when <paramref name="rehash"/>); throws Conflict after auditing when it may not be loaded.</summary>
    public async Task<VersionVerification> EnsureLoadableAsync(Caller caller, string target, string name, long version, bool rehash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var verification = await signing.VerifyAsync(caller.ProjectId, name, version, rehash, ct).ConfigureAwait(false);
        if (verification.Refusal is { } reason)
        {
            await RefuseAsync(caller, target, verification.Intact ? "registry.unsigned_refused" : "registry.tamper_detected", reason).ConfigureAwait(false);
            throw CairnException.Conflict("refused: " + reason);
        }

        return verification;
    }

    /// <summary>
    /// Opens one file of a version for a download: the version as a whole first (manifest against digest,
    /// signature when the policy requires one), then this file's bytes re-hashed. A refusal is audited.
    /// </summary>
    public async Task<(Core.Registry.ModelFile File, Stream Content)> OpenFileAsync(Caller caller, string target, string name, long version, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await EnsureLoadableAsync(caller, target, name, version, rehash: false, ct).ConfigureAwait(false);
        var (file, content, tampered) = await registry.OpenVerifiedAsync(caller.ProjectId, name, version, path, ct).ConfigureAwait(false);
        if (tampered is not null)
        {
            await RefuseAsync(caller, target, "registry.tamper_detected", tampered).ConfigureAwait(false);
            throw CairnException.Conflict("refused: " + tampered + "; the file was altered or lost in the blob store after registration");
        }

        return (file, content ?? throw new CairnException(ErrorKind.Unavailable, $"the content of '{file.Path}' is missing from the blob store"));
    }

    /// <summary>Records a refused load in the audit chain.</summary>
    public Task RefuseAsync(Caller caller, string target, string action, string reason)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return audit.AppendAsync(
            new AuditRecord(
                time.GetUtcNow().ToUnixTimeMilliseconds(), caller.Actor, caller.Project, action, target,
                Activity.Current?.TraceId.ToString() ?? "-", AuditOutcome.FromStatus(409), 409, reason),
            CancellationToken.None);
    }
}

using Cairn.Core.Access;
using Cairn.Core.Audit;
using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Governance.Audit;

/// <summary>Reads and verifies the audit log. There is deliberately no way to change or delete an event.</summary>
public sealed class AuditService(IAuditStore store)
{
    /// <summary>The most events one query returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Events visible to the caller: their own project's, or any project's for instance administrators.</summary>
    public Task<IReadOnlyList<AuditEvent>> QueryAsync(Caller caller, AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (!caller.Has(Scope.Admin))
        {
            throw CairnException.Forbidden("reading the audit log needs the 'admin' scope and the owner role");
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            throw CairnException.Invalid("limit", $"must be between 1 and {MaxLimit}");
        }

        query = query with
        {
            Project = query.Project is null ? null : Names.RequireSlug(query.Project, "project"),
            Actor = Filter(query.Actor, "actor"),
            Action = Filter(query.Action, "action"),
            Outcome = Filter(query.Outcome, "outcome"),
        };

        if (!caller.IsAdmin)
        {
            if (query.Project is not null && !string.Equals(query.Project, caller.Project, StringComparison.Ordinal))
            {
                throw CairnException.NotFound("project", query.Project);
            }

            query = query with { Project = caller.Project };
        }

        return store.QueryAsync(query, ct);
    }

    private static string? Filter(string? value, string field)
    {
        var text = Names.OptionalText(value, field, 200);
        return text.Length == 0 ? null : text;
    }

    /// <summary>Walks the whole chain and names the first broken link.</summary>
    public async Task<AuditVerification> VerifyAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin)
        {
            throw CairnException.Forbidden("the audit chain spans every project: verifying it needs an instance administrator's key with the admin scope");
        }

        return await VerifyAsync(store, ct).ConfigureAwait(false);
    }

    /// <summary>Verification without a caller, for the CLI against a database directly.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (headSeq, headHash) = await store.GetHeadAsync(ct).ConfigureAwait(false);
        var verifier = new AuditVerifier();
        await foreach (var e in store.ReadChainAsync(ct).ConfigureAwait(false))
        {
            if (!verifier.Check(e))
            {
                break;
            }
        }

        return verifier.Finish(headSeq, headHash);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Guardrails;
using Cairn.Core.Storage;
using Cairn.Guardrails.Pii;
using Cairn.Guardrails.Policies;
using Microsoft.AspNetCore.DataProtection;

namespace Cairn.Server.Guardrails;

/// <summary>
/// Guardrails with a project behind them: policies per route (the route <c>default</c> also carries the project's
/// own recognizers and governs routes without a policy), checks, analysis with the project's recognizers, hashing
/// and pseudonymization with the project's keys, the vault, and de-anonymization.
/// </summary>
public sealed partial class GuardrailService(IGuardrailStore store, IDataProtectionProvider protection)
{
    public const string DefaultRoute = "default";
    private readonly IDataProtector _keys = protection.CreateProtector("Cairn.Guardrails.ProjectKey.v1");
    private readonly ConcurrentDictionary<long, (long Version, long UpdatedAt, PiiAnalyzer Analyzer)> _analyzers = new();
    private readonly ConcurrentDictionary<(long Project, string Route), (long Version, long UpdatedAt, GuardPolicy Policy)> _policies = new();

    public static string Route(string? route) =>
        route == DefaultRoute ? route : Names.RequireSlug(route, "route");

    public Task<IReadOnlyList<StoredPolicy>> ListPoliciesAsync(Caller caller, CancellationToken ct) => store.ListPoliciesAsync(caller.ProjectId, ct);

    public async Task<StoredPolicy> GetPolicyAsync(Caller caller, string route, CancellationToken ct) =>
        await store.GetPolicyAsync(caller.ProjectId, Route(route), ct) ?? throw CairnException.NotFound("guardrail policy", route);

    /// <summary>Checks the YAML (a 400 naming the field and line when it is wrong) and stores it as the route's next version.</summary>
    public async Task<StoredPolicy> PutPolicyAsync(Caller caller, string route, string yaml, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        route = Route(route);
        var policy = PolicyParser.Parse(yaml);
        if (route != DefaultRoute && policy.Recognizers.Count > 0)
        {
            throw CairnException.Invalid("recognizers", "belong in the project's 'default' policy (they apply to every route)");
        }

        // The entity types a pii check names must exist: built in, or the project's own.
        var own = route == DefaultRoute
            ? policy.Recognizers.Select(r => r.Entity)
            : await store.GetPolicyAsync(caller.ProjectId, DefaultRoute, ct) is { } d ? PolicyParser.Parse(d.Yaml).Recognizers.Select(r => r.Entity) : [];
        var known = PiiAnalyzer.Default.Entities.Concat(own).ToHashSet(StringComparer.Ordinal);
        foreach (var (stage, checks) in new[] { ("input", policy.Input), ("output", policy.Output) })
        {
            for (var i = 0; i < checks.Count; i++)
            {
                var unknown = checks[i].Entities?.Select((e, j) => (e, j)).FirstOrDefault(x => !known.Contains(x.e));
                if (unknown is { e: not null } u)
                {
                    throw CairnException.Invalid($"{stage}[{i}].entities[{u.j}]", $"'{u.e}' is not an entity type; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
                }
            }
        }

        foreach (var r in policy.Recognizers)
        {
            CustomRecognizer.Build(r);
        }

        var stored = await store.PutPolicyAsync(caller.ProjectId, route, yaml, caller.Principal, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct);
        _analyzers.TryRemove(caller.ProjectId, out _);
        return stored;
    }

    public async Task DeletePolicyAsync(Caller caller, string route, CancellationToken ct)
    {
        if (!await store.DeletePolicyAsync(caller.ProjectId, Route(route), ct))
        {
            throw CairnException.NotFound("guardrail policy", route);
        }

        _analyzers.TryRemove(caller.ProjectId, out _);
    }

    /// <summary>The built-in recognizers and the project's own (from its default policy).</summary>
    public async Task<PiiAnalyzer> AnalyzerAsync(long projectId, CancellationToken ct)
    {
        var stored = await store.GetPolicyAsync(projectId, DefaultRoute, ct);
        if (stored is null)
        {
            return PiiAnalyzer.Default;
        }

        // Keyed by version and time of change: a policy deleted and written again starts at version 1 anew.
        if (_analyzers.TryGetValue(projectId, out var cached) && cached.Version == stored.Version && cached.UpdatedAt == stored.UpdatedAt)
        {
            return cached.Analyzer;
        }

        var analyzer = With(PolicyParser.Parse(stored.Yaml).Recognizers);
        _analyzers[projectId] = (stored.Version, stored.UpdatedAt, analyzer);
        return analyzer;
    }

    /// <summary>The built-in recognizers and the given custom ones.</summary>
    public static PiiAnalyzer With(IReadOnlyList<CustomRecognizerSpec> custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        return custom.Count == 0 ? PiiAnalyzer.Default : new PiiAnalyzer([.. Recognizers.All, .. custom.Select(r => (IPiiRecognizer)CustomRecognizer.Build(r))]);
    }

    public async Task<ProjectTokenizer> TokenizerAsync(long projectId, CancellationToken ct)
    {
        var protectedKey = await store.GetOrCreateKeyAsync(projectId, () => _keys.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct);
        return new ProjectTokenizer(Convert.FromBase64String(_keys.Unprotect(protectedKey)), Vault(projectId));
    }

    public async Task<JsonObject> AnalyzeAsync(Caller caller, JsonElement body, CancellationToken ct) =>
        PiiRequest.Analyze(body, await AnalyzerAsync(caller.ProjectId, ct));

    /// <summary>Anonymizes with the project's recognizers and keys; tokens handed out are in the vault before the answer leaves.</summary>
    public async Task<JsonObject> AnonymizeAsync(Caller caller, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        string?[] types = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("operators", out var ops) && ops.ValueKind == JsonValueKind.Object
            ? ops.EnumerateObject().Select(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null).ToArray()
            : [];
        var keyed = types.Any(t => t is "hash" or "pseudonymize");
        var pseudonymizes = types.Contains("pseudonymize");
        if (pseudonymizes && !caller.Effective.HasFlag(Scope.Write))
        {
            throw CairnException.Forbidden("pseudonymize stores values in the project's vault and needs the write scope");
        }

        var tokenizer = keyed ? await TokenizerAsync(caller.ProjectId, ct) : null;
        var result = PiiRequest.Anonymize(body, await AnalyzerAsync(caller.ProjectId, ct), tokenizer);
        if (tokenizer is not null)
        {
            await store.PutVaultAsync(caller.ProjectId, tokenizer.Issued, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct);
        }

        return result;
    }

    /// <summary>Replaces each token of the project's vault in the text by its value; tokens it does not hold stay as they are and are listed.</summary>
    public async Task<JsonObject> DeanonymizeAsync(Caller caller, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var text = PiiRequest.RequiredText(body);
        var tokens = TokenPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        if (tokens.Count > 10_000)
        {
            throw CairnException.Invalid("text", "holds more than 10,000 distinct tokens");
        }

        var entries = (await store.GetVaultAsync(caller.ProjectId, tokens, ct)).ToDictionary(e => e.Token, StringComparer.Ordinal);
        var vault = Vault(caller.ProjectId);
        var restored = 0;
        var output = TokenPattern().Replace(text, m =>
        {
            if (!entries.TryGetValue(m.Value, out var e))
            {
                return m.Value;
            }

            restored++;
            try
            {
                return vault.Unprotect(e.ProtectedValue);
            }
            catch (CryptographicException)
            {
                throw new CairnException(ErrorKind.Unprocessable, $"the vault entry of {m.Value} cannot be decrypted with this server's keys");
            }
        });
        return new JsonObject
        {
            ["text"] = output,
            ["restored"] = restored,
            ["unknown_tokens"] = new JsonArray(tokens.Where(t => !entries.ContainsKey(t)).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        };
    }

    private IDataProtector Vault(long projectId) => protection.CreateProtector("Cairn.Guardrails.Vault.v1", "project " + projectId);

    [GeneratedRegex("<[A-Z][A-Z0-9_]*_[a-z2-7]{10}>")]
    private static partial Regex TokenPattern();
}

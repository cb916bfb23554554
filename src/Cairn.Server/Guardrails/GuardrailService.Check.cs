using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Guardrails.Injection;
using Cairn.Guardrails.Pii;
using Cairn.Guardrails.Policies;

namespace Cairn.Server.Guardrails;

/// <summary><c>/check</c>: a text through a route's policy (or one sent with the request, as the editor's "try it" does).</summary>
public sealed partial class GuardrailService
{
    public async Task<JsonObject> CheckAsync(Caller caller, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object with 'text' and 'route' (or 'policy')");
        }

        var text = PiiRequest.RequiredText(body);
        var stage = body.TryGetProperty("stage", out var s) && s.ValueKind != JsonValueKind.Null
            ? s.ValueKind == JsonValueKind.String ? s.GetString()! : throw CairnException.Invalid("stage", "must be 'input' or 'output'")
            : "input";
        GuardPolicy policy;
        string route;
        var isStored = true;
        if (body.TryGetProperty("policy", out var inline) && inline.ValueKind != JsonValueKind.Null)
        {
            if (!caller.Has(Scope.Write))
            {
                throw CairnException.Forbidden("trying a policy that is not stored needs the write scope; check a stored one by its 'route'");
            }

            policy = PolicyParser.Parse(inline.ValueKind == JsonValueKind.String ? inline.GetString()! : throw CairnException.Invalid("policy", "must be the policy's YAML as a string"));
            route = "(inline)";
            isStored = false;
        }
        else
        {
            var asked = body.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw CairnException.Invalid("route", "is required (or send 'policy')");
            route = Route(asked);
            var stored = await store.GetPolicyAsync(caller.ProjectId, route, ct) ?? await store.GetPolicyAsync(caller.ProjectId, DefaultRoute, ct)
                ?? throw CairnException.NotFound("guardrail policy", route);
            policy = Parsed(caller.ProjectId, stored);
            route = stored.Route;
        }

        var result = await RunAsync(caller, policy, stage, text, ct, stored: isStored);
        return ToJson(route, text, result);
    }

    // A stored policy is parsed (its patterns compiled) once per version, not on every check.
    private GuardPolicy Parsed(long projectId, Cairn.Core.Guardrails.StoredPolicy stored)
    {
        var key = (projectId, stored.Route);
        if (_policies.TryGetValue(key, out var cached) && cached.Version == stored.Version && cached.UpdatedAt == stored.UpdatedAt)
        {
            return cached.Policy;
        }

        var policy = PolicyParser.Parse(stored.Yaml);
        _policies[key] = (stored.Version, stored.UpdatedAt, policy);
        return policy;
    }

    /// <summary>Runs a policy for a caller's project: its recognizers, its keys; pseudonyms handed out are in the vault before this returns.</summary>
    public async Task<PolicyResult> RunAsync(Caller caller, GuardPolicy policy, string stage, string text, CancellationToken ct, bool stored = false)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(policy);
        var checks = stage == "output" ? policy.Output : policy.Input;
        var keyed = checks.Any(c => c.Operator?.Type is "hash" or "pseudonymize" && c.Action == PolicyAction.Redact);
        if (keyed && checks.Any(c => c.Operator?.Type == "pseudonymize") && !caller.Effective.HasFlag(Scope.Write))
        {
            throw CairnException.Forbidden("this policy pseudonymizes, which stores values in the project's vault and needs the write scope");
        }

        var tokenizer = keyed ? await TokenizerAsync(caller.ProjectId, ct) : null;
        // A stored default policy's recognizers come from the cache; an inline policy's are built for this run.
        var analyzer = policy.Recognizers.Count > 0 && !stored ? With(policy.Recognizers) : await AnalyzerAsync(caller.ProjectId, ct);

        var result = new PolicyPipeline(analyzer, InjectionDetector.Default, tokenizer).Run(policy, stage, text);
        if (tokenizer is not null)
        {
            await store.PutVaultAsync(caller.ProjectId, tokenizer.Issued, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ct);
        }

        return result;
    }

    private static JsonObject ToJson(string route, string text, PolicyResult result)
    {
        var cp = PiiRequest.CodePoints(text);
        return new JsonObject
        {
            ["route"] = route,
            ["stage"] = result.Stage,
            ["action"] = result.Action.ToString().ToLowerInvariant(),
            ["allowed"] = result.Allowed,
            ["text"] = result.Text,
            ["elapsed_ms"] = result.ElapsedMs,
            ["checks"] = new JsonArray(result.Checks.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["check"] = c.Kind,
                ["action"] = c.Action.ToString().ToLowerInvariant(),
                ["fired"] = c.Fired,
                ["score"] = c.Score is { } sc ? Math.Round(sc, 4) : null,
                ["elapsed_ms"] = c.ElapsedMs,
                ["findings"] = new JsonArray(c.Findings.Take(200).Select(f => (JsonNode)new JsonObject
                {
                    ["label"] = f.Label,
                    ["start"] = cp(f.Start),
                    ["end"] = cp(f.End),
                    ["utf16_start"] = f.Start,
                    ["utf16_end"] = f.End,
                    ["text"] = text[f.Start..f.End],
                    ["score"] = f.Score is { } fs ? Math.Round(fs, 4) : null,
                }).ToArray()),
            }).ToArray()),
        };
    }
}

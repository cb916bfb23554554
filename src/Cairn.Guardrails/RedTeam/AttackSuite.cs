using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Guardrails.RedTeam;

/// <summary>A checked list of attacks; <see cref="BuiltIn"/> is the suite shipped in <c>RedTeam/attacks.json</c>.</summary>
public sealed class AttackSuite
{
    private const string ResourceName = "Cairn.Guardrails.RedTeam.attacks.json";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private static readonly Lazy<AttackSuite> Shipped = new(LoadBuiltIn);

    private AttackSuite(IReadOnlyList<RedTeamAttack> attacks) => Attacks = attacks;

    /// <summary>The built-in suite (OWASP LLM01, LLM02, LLM07).</summary>
    public static AttackSuite BuiltIn => Shipped.Value;

    /// <summary>Every attack, in file order.</summary>
    public IReadOnlyList<RedTeamAttack> Attacks { get; }

    /// <summary>Reads and checks a suite: a JSON array of attacks with unique ids, known categories and encodings, and a marker in every LLM01 attack.</summary>
    /// <exception cref="CairnException">The JSON is malformed or an attack breaks a rule; the message names the attack and the rule.</exception>
    public static AttackSuite Parse(string json)
    {
        List<RedTeamAttack>? attacks;
        try
        {
            attacks = JsonSerializer.Deserialize<List<RedTeamAttack>>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new CairnException(ErrorKind.Invalid, "attack suite is not valid JSON: " + e.Message);
        }

        if (attacks is null || attacks.Count == 0)
        {
            throw new CairnException(ErrorKind.Invalid, "attack suite is empty");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in attacks)
        {
            Check(a, ids);
        }

        return new AttackSuite(attacks);
    }

    /// <summary>The attacks of the given categories, in suite order, at most <paramref name="limit"/> of them.</summary>
    public IReadOnlyList<RedTeamAttack> Select(IReadOnlyCollection<string> categories, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var chosen = Attacks.Where(a => categories.Contains(a.Category));
        return (limit is { } n ? chosen.Take(n) : chosen).ToList();
    }

    private static void Check(RedTeamAttack a, HashSet<string> ids)
    {
        if (a is null || string.IsNullOrWhiteSpace(a.Id) || string.IsNullOrWhiteSpace(a.Prompt) || string.IsNullOrWhiteSpace(a.Title) || string.IsNullOrWhiteSpace(a.Technique))
        {
            throw Invalid(a?.Id, "id, category, title, technique and prompt are required");
        }

        if (!ids.Add(a.Id))
        {
            throw Invalid(a.Id, "the id is used twice");
        }

        if (!RedTeamCategories.All.Contains(a.Category))
        {
            throw Invalid(a.Id, $"category must be one of {string.Join(", ", RedTeamCategories.All)}");
        }

        if (a.Category == RedTeamCategories.PromptInjection && !a.UsesMarker)
        {
            throw Invalid(a.Id, "an LLM01 attack must contain {marker}: its success is the marker in the reply");
        }

        if (a.Encoding is not null && !TextTransforms.Encodings.Contains(a.Encoding))
        {
            throw Invalid(a.Id, $"encoding must be one of {string.Join(", ", TextTransforms.Encodings)}");
        }

        if ((a.Payload is not null) != a.Prompt.Contains("{payload}", StringComparison.Ordinal))
        {
            throw Invalid(a.Id, "a payload and a {payload} in the prompt go together");
        }
    }

    private static CairnException Invalid(string? id, string rule) =>
        new(ErrorKind.Invalid, $"attack '{id ?? "?"}': {rule}");

    private static AttackSuite LoadBuiltIn()
    {
        using var stream = typeof(AttackSuite).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Guardrails.Pii;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Cairn.Guardrails.Policies;

/// <summary>
/// Reads a policy from YAML strictly: an unknown key, a wrong type or an impossible value is a 400 that names the
/// field by its path (<c>input[1].threshold</c>) and the line. See docs/guardrails.md for the format.
/// </summary>
public static class PolicyParser
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDepth = 8;
    public const int MaxPhrases = 500;
    public const int MaxRecognizers = 64;

    public static readonly string[] Kinds = ["pii", "injection", "deny_topics", "regex", "max_length"];
    public static readonly string[] Validators = ["none", "luhn", "mod97", "iban"];

    public static GuardPolicy Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxBytes)
        {
            throw CairnException.Invalid("policy", $"is {yaml.Length:N0} characters; at most {MaxBytes:N0}");
        }

        var stream = new YamlStream();
        try
        {
            Shallow(yaml);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw CairnException.Invalid("policy", $"is not valid YAML (line {e.Start.Line}): {e.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw CairnException.Invalid("policy", "must be one YAML mapping with 'input', 'output' and/or 'recognizers'");
        }

        Keys(root, "", "description", "input", "output", "recognizers");
        var input = Checks(root, "input");
        var output = Checks(root, "output");
        var recognizers = Seq(root, "recognizers").Select((n, i) => Recognizer(n, $"recognizers[{i}]")).ToList();
        if (recognizers.Count > MaxRecognizers)
        {
            throw CairnException.Invalid("recognizers", $"lists {recognizers.Count}; at most {MaxRecognizers}");
        }

        var phrases = input.Concat(output).Sum(c => c.Topics?.Sum(t => t.Phrases.Count) ?? 0);
        if (phrases > MaxPhrases)
        {
            throw CairnException.Invalid("topics", $"list {phrases} phrases in all; at most {MaxPhrases}");
        }
        if (input.Count + output.Count + recognizers.Count == 0)
        {
            throw CairnException.Invalid("policy", "has no checks and no recognizers: add an 'input' or 'output' list");
        }

        var names = recognizers.Select(r => r.Entity).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw CairnException.Invalid("recognizers", "names an entity twice");
        }

        return new GuardPolicy(input, output, recognizers, Str(root, "description", ""));
    }

    // Before building the tree: no anchors or aliases (a policy has no use for them, and they can make a small text
    // a huge or cyclic tree) and no nesting deeper than a policy has.
    private static void Shallow(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    throw CairnException.Invalid("policy", $"uses an alias (line {alias.Start.Line}); write the values out");
                case NodeEvent node when !node.Anchor.IsEmpty:
                    throw CairnException.Invalid("policy", $"uses an anchor (line {node.Start.Line}); write the values out");
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    throw CairnException.Invalid("policy", $"nests deeper than {MaxDepth} levels (line {parser.Current.Start.Line})");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static List<PolicyCheck> Checks(YamlMappingNode root, string stage)
    {
        var list = Seq(root, stage).Select((n, i) => Check(n, $"{stage}[{i}]")).ToList();
        if (list.Count > 32)
        {
            throw CairnException.Invalid(stage, "has more than 32 checks");
        }

        return list;
    }

    private static PolicyCheck Check(YamlNode node, string path)
    {
        var m = node as YamlMappingNode ?? throw Bad(node, path, "must be a mapping such as {check: pii, action: redact}");
        var kind = Str(m, "check", null) ?? throw Bad(m, path + ".check", $"is required: one of {string.Join(", ", Kinds)}");
        var action = Action(m, path, kind == "injection" || kind == "max_length" ? "block" : "flag");
        var name = Str(m, "name", kind)!;
        switch (kind)
        {
            case "pii":
                Keys(m, path, "check", "name", "action", "threshold", "entities", "operator", "keep_last", "masking_char");
                var op = Str(m, "operator", "replace")!;
                if (!new[] { "replace", "mask", "redact", "hash", "pseudonymize" }.Contains(op))
                {
                    throw Bad(m, path + ".operator", $"'{op}' is not one of replace, mask, redact, hash, pseudonymize");
                }

                var mask = Str(m, "masking_char", "*")!;
                if (mask.Length != 1)
                {
                    throw Bad(m, path + ".masking_char", "must be one character");
                }

                var entities = Seq(m, "entities").Select((e, i) => Scalar(e, $"{path}.entities[{i}]")).ToList();
                return new PolicyCheck(kind, name, action, Number(m, path, "threshold", 0.5, 0, 1), entities.Count == 0 ? null : entities,
                    new AnonymizeOperator(op, null, mask[0], (int)Number(m, path, "keep_last", 0, 0, 64)));
            case "injection":
                Keys(m, path, "check", "name", "action", "threshold");
                NoRedact(m, path, action);
                return new PolicyCheck(kind, name, action, Number(m, path, "threshold", 0.5, 0, 1));
            case "deny_topics":
                Keys(m, path, "check", "name", "action", "topics");
                var topics = Seq(m, "topics").Select((t, i) => Topic(t, $"{path}.topics[{i}]")).ToList();
                return topics.Count == 0 ? throw Bad(m, path + ".topics", "is required: a list of {name, phrases}") : new PolicyCheck(kind, name, action, Topics: topics);
            case "regex":
                Keys(m, path, "check", "name", "action", "pattern");
                return new PolicyCheck(kind, name, action, Pattern: Regex(m, path + ".pattern"));
            case "max_length":
                Keys(m, path, "check", "name", "action", "max");
                NoRedact(m, path, action);
                return new PolicyCheck(kind, name, action, MaxLength: (int)Number(m, path, "max", -1, 1, 10_000_000));
            default:
                throw Bad(m, path + ".check", $"'{kind}' is not a check; known: {string.Join(", ", Kinds)}");
        }
    }

    private static DenyTopic Topic(YamlNode node, string path)
    {
        var m = node as YamlMappingNode ?? throw Bad(node, path, "must be a mapping {name, phrases}");
        Keys(m, path, "name", "phrases");
        var name = Str(m, "name", null) ?? throw Bad(m, path + ".name", "is required");
        var phrases = Seq(m, "phrases").Select((p, i) => Scalar(p, $"{path}.phrases[{i}]")).Where(p => Injection.InjectionNormalizer.Normalize(p).Text.Trim().Length > 0).ToList();
        return phrases.Count == 0 ? throw Bad(m, path + ".phrases", "must list at least one phrase") : new DenyTopic(name, phrases);
    }

    private static CustomRecognizerSpec Recognizer(YamlNode node, string path)
    {
        var m = node as YamlMappingNode ?? throw Bad(node, path, "must be a mapping {entity, pattern, context, validator, score}");
        Keys(m, path, "entity", "pattern", "context", "validator", "score");
        var entity = Str(m, "entity", null) ?? throw Bad(m, path + ".entity", "is required, e.g. EMPLOYEE_ID");
        if (!System.Text.RegularExpressions.Regex.IsMatch(entity, @"\A[A-Z][A-Z0-9_]{1,39}\z"))
        {
            throw Bad(m, path + ".entity", "must be upper-case letters, digits and '_' (2-40), starting with a letter");
        }

        var validator = Str(m, "validator", "none")!;
        if (!Validators.Contains(validator))
        {
            throw Bad(m, path + ".validator", $"'{validator}' is not one of {string.Join(", ", Validators)}");
        }

        var pattern = Regex(m, path + ".pattern").ToString();
        var context = Seq(m, "context").Select((c, i) => Scalar(c, $"{path}.context[{i}]")).ToList();
        if (context.Any(string.IsNullOrWhiteSpace) || context.Count > 50)
        {
            throw Bad(m, path + ".context", "must list at most 50 words, none empty");
        }
        return new CustomRecognizerSpec(entity, pattern, context, validator, Number(m, path, "score", 0.6, 0, 1));
    }

    private static Regex Regex(YamlMappingNode m, string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        var pattern = Str(m, key, null) ?? throw Bad(m, path, "is required");
        if (pattern.Length > 2000)
        {
            throw Bad(m, path, "is longer than 2,000 characters");
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Bad(m, path, $"is not a pattern the non-backtracking engine accepts: {e.Message}");
        }

        return regex.IsMatch("") ? throw Bad(m, path, "matches empty text; it must match at least one character") : regex;
    }

    private static PolicyAction Action(YamlMappingNode m, string path, string fallback) => (Str(m, "action", fallback) ?? fallback) switch
    {
        "allow" => PolicyAction.Allow,
        "flag" => PolicyAction.Flag,
        "redact" => PolicyAction.Redact,
        "block" => PolicyAction.Block,
        var other => throw Bad(m, path + ".action", $"'{other}' is not one of allow, flag, redact, block"),
    };

    private static void NoRedact(YamlMappingNode m, string path, PolicyAction action)
    {
        if (action == PolicyAction.Redact)
        {
            throw Bad(m, path + ".action", "cannot be redact for this check; use allow, flag or block");
        }
    }

    private static void Keys(YamlMappingNode m, string path, params string[] allowed)
    {
        foreach (var k in m.Children.Keys)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                throw Bad(k, path.Length == 0 ? name : $"{path}.{name}", $"is not a known key here; allowed: {string.Join(", ", allowed)}");
            }
        }
    }

    private static IEnumerable<YamlNode> Seq(YamlMappingNode m, string key)
    {
        if (!m.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return [];
        }

        return node is YamlSequenceNode s ? s.Children : throw Bad(node, key, "must be a list");
    }

    private static string? Str(YamlMappingNode m, string key, string? fallback) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Scalar(node, key) : fallback;

    private static string Scalar(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } v } ? v : throw Bad(node, path, "must be a single value");

    private static double Number(YamlMappingNode m, string path, string key, double fallback, double min, double max)
    {
        var s = Str(m, key, null);
        if (s is null)
        {
            return fallback >= min ? fallback : throw Bad(m, $"{path}.{key}", "is required");
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
            ? d
            : throw Bad(m, $"{path}.{key}", $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static CairnException Bad(YamlNode node, string path, string rule) => CairnException.Invalid(path, $"{rule} (line {node.Start.Line})");
}

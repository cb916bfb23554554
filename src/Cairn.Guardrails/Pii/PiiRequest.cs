using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;

namespace Cairn.Guardrails.Pii;

/// <summary>
/// The JSON of <c>/api/v1/guardrails/analyze</c> and <c>/anonymize</c> (and <c>cairn guard scan</c>): reads the
/// request strictly, and writes entities with code-point offsets (as Python counts) and UTF-16 offsets.
/// </summary>
public static class PiiRequest
{
    public static JsonObject Analyze(JsonElement body) => Analyze(body, PiiAnalyzer.Default);

    public static JsonObject Analyze(JsonElement body, PiiAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var (text, entities, threshold) = Read(body);
        var found = analyzer.Analyze(text, entities, threshold);
        return new JsonObject { ["entities"] = Entities(text, found) };
    }

    public static JsonObject Anonymize(JsonElement body) => Anonymize(body, PiiAnalyzer.Default, null);

    public static JsonObject Anonymize(JsonElement body, PiiAnalyzer analyzer, IPiiTokenizer? tokenizer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var (text, entities, threshold) = Read(body);
        var operators = new Dictionary<string, AnonymizeOperator>(StringComparer.Ordinal);
        if (body.TryGetProperty("operators", out var ops) && ops.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ops.EnumerateObject())
            {
                var name = Checked(() => p.Name, "operators");
                if (p.Value.ValueKind != JsonValueKind.Object)
                {
                    throw CairnException.Invalid($"operators.{name}", "must be an object such as {\"type\": \"mask\", \"keep_last\": 4}");
                }

                string? S(string f)
                {
                    if (!p.Value.TryGetProperty(f, out var v) || v.ValueKind == JsonValueKind.Null)
                    {
                        return null;
                    }

                    return v.ValueKind == JsonValueKind.String ? Checked(v.GetString, $"operators.{name}.{f}") : throw CairnException.Invalid($"operators.{name}.{f}", "must be a string");
                }

                var mask = S("masking_char") ?? "*";
                if (mask.Length != 1)
                {
                    throw CairnException.Invalid($"operators.{name}.masking_char", "must be one character");
                }

                var keep = 0;
                if (p.Value.TryGetProperty("keep_last", out var k) && k.ValueKind != JsonValueKind.Null && !(k.ValueKind == JsonValueKind.Number && k.TryGetInt32(out keep)))
                {
                    throw CairnException.Invalid($"operators.{name}.keep_last", "must be a whole number");
                }

                operators[name] = new AnonymizeOperator(S("type") ?? "replace", S("new_value"), mask[0], keep);
            }
        }
        else if (body.TryGetProperty("operators", out var bad) && bad.ValueKind != JsonValueKind.Null)
        {
            throw CairnException.Invalid("operators", "must be an object keyed by entity type (or DEFAULT)");
        }

        var found = analyzer.Analyze(text, entities, threshold);
        return new JsonObject { ["text"] = Anonymizer.Anonymize(text, found, operators, tokenizer), ["entities"] = Entities(text, found) };
    }

    /// <summary>The request's <c>text</c> (a lone surrogate read as U+FFFD); a 400 when it is missing or not a string.</summary>
    public static string RequiredText(JsonElement body, string field = "text") =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(field, out var t) && t.ValueKind == JsonValueKind.String
            ? Text(t)
            : throw CairnException.Invalid(field, "is required: a string");

    /// <summary>A UTF-16 offset of <paramref name="text"/> as a code-point offset (as Python counts).</summary>
    public static Func<int, int> CodePoints(string text) => CodePointOffsets(text);

    private static (string Text, IReadOnlyCollection<string>? Entities, double Threshold) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object with a 'text' field");
        }

        var text = body.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
            ? Text(t)
            : throw CairnException.Invalid("text", "is required: the text to analyze");
        string[]? entities = null;
        if (body.TryGetProperty("entities", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            entities = e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)
                ? e.EnumerateArray().Select(x => Checked(x.GetString, "entities")!).ToArray()
                : throw CairnException.Invalid("entities", "must be a list of entity types");
        }

        var threshold = 0.5;
        if (body.TryGetProperty("score_threshold", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            threshold = s.ValueKind == JsonValueKind.Number && s.GetDouble() is >= 0 and <= 1 and var d ? d : throw CairnException.Invalid("score_threshold", "must be a number between 0 and 1");
        }

        return (text, entities, threshold);
    }

    // A string from the request; one holding a lone surrogate is a 400 naming the field (only 'text' is read through one).
    private static T Checked<T>(Func<T> read, string field)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            throw CairnException.Invalid(field, "holds a lone surrogate, which is not Unicode text");
        }
    }

    // System.Text.Json refuses strings holding a lone surrogate; such text is still analyzed, with each lone
    // surrogate read as U+FFFD (one unit for one unit, so every offset stays where it was).
    private static string Text(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(value.GetRawText());
        }
    }

    private static string Unescape(string raw)
    {
        var sb = new System.Text.StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = raw[++i];
            sb.Append(e switch
            {
                'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t',
                'u' => (char)int.Parse(raw.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture),
                _ => e,
            });
            if (e == 'u')
            {
                i += 4;
            }
        }

        var chars = sb.ToString().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static JsonArray Entities(string text, IReadOnlyList<PiiEntity> found)
    {
        var codePoints = CodePointOffsets(text);
        return new(found.Select(f => (JsonNode)new JsonObject
    {
        ["entity_type"] = f.Type,
        ["start"] = codePoints(f.Start),
        ["end"] = codePoints(f.End),
        ["utf16_start"] = f.Start,
        ["utf16_end"] = f.End,
        ["score"] = Math.Round(f.Score, 4),
        ["text"] = text[f.Start..f.End],
        ["recognizer"] = f.Recognizer,
    }).ToArray());
    }

    // Code-point offsets of UTF-16 indexes (a surrogate pair counts once, as Python's len does), from one pass over the text.
    private static Func<int, int> CodePointOffsets(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return i => i;
        }

        var offsets = new int[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            offsets[i] = n;
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                n++;
            }
            else
            {
                offsets[i] = n - 1;
            }
        }

        offsets[text.Length] = n;
        return i => offsets[i];
    }

    /// <summary>The entity types and what checks each.</summary>
    public static JsonArray Catalog() => Catalog(PiiAnalyzer.Default);

    /// <summary>The entity types of an analyzer's recognizers (a project's own included) and what checks each.</summary>
    public static JsonArray Catalog(PiiAnalyzer analyzer) => new((analyzer ?? throw new ArgumentNullException(nameof(analyzer))).AllRecognizers.Select(r => (JsonNode)new JsonObject
    {
        ["entity_type"] = r.Entities[0],
        ["recognizer"] = r switch
        {
            PatternRecognizer p => p.Name,
            PersonRecognizer => PersonRecognizer.Label,
            _ when r.Entities[0] == "CREDIT_CARD" => "credit card (issuer range and Luhn)",
            _ => "phone (E.164 and six national numbering plans)",
        },
        ["context"] = new JsonArray(r.Context.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
    }).ToArray());

}

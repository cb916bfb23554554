using System.Globalization;
using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Evaluation;

/// <summary>
/// A request to compute one metric, as <c>POST /api/v1/metrics/compute</c> and <c>cairn metrics compute</c> take it:
/// <c>metric</c>, <c>options</c>, and the inputs the metric needs — <c>predictions</c>, <c>references</c>,
/// <c>labels</c>, <c>scores</c> or <c>log_probs</c>. Reads fields strictly and names the field at fault.
/// </summary>
public sealed class MetricRequest
{
    private readonly JsonElement _root;
    private readonly HashSet<string> _usedOptions = new(StringComparer.Ordinal);
    private readonly int[]? _rows;
    private readonly Dictionary<string, object> _parsed;

    /// <summary>
    /// A request over <paramref name="root"/>; with <paramref name="rows"/>, only those items (by index, repeats allowed)
    /// of every input list are used, which is how subsets and bootstrap resamples are computed. Requests over the same
    /// root may share <paramref name="parsed"/>, so the lists are read from JSON once.
    /// </summary>
    public MetricRequest(JsonElement root, int[]? rows = null, Dictionary<string, object>? parsed = null)
    {
        _rows = rows;
        _parsed = parsed ?? new Dictionary<string, object>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object with a 'metric' field");
        }

        _root = root;
        Metric = root.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : throw CairnException.Invalid("metric", "is required: the name of a metric (see GET /api/v1/metrics)");
        if (root.TryGetProperty("options", out var o) && o.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw CairnException.Invalid("options", "must be an object");
        }

        Options = o.ValueKind == JsonValueKind.Object ? o : default;
    }

    public string Metric { get; }

    private JsonElement Options { get; }

    /// <summary>Throws for any option the metric did not read: a misspelt option must not be ignored silently.</summary>
    public void RejectUnknownOptions()
    {
        if (Options.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var p in Options.EnumerateObject())
        {
            if (!_usedOptions.Contains(p.Name))
            {
                var known = _usedOptions.Count == 0 ? "none" : string.Join(", ", _usedOptions.Order(StringComparer.Ordinal));
                throw CairnException.Invalid($"options.{p.Name}", $"is not an option of {Metric}; its options are: {known}");
            }
        }
    }

    public bool Bool(string name, bool fallback)
    {
        var v = Option(name);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => fallback,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw CairnException.Invalid($"options.{name}", "must be true or false"),
        };
    }

    public string? String(string name, string? fallback)
    {
        var v = Option(name);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => fallback,
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw CairnException.Invalid($"options.{name}", "must be a string"),
        };
    }

    public double? Number(string name, double? fallback)
    {
        var v = Option(name);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => fallback,
            JsonValueKind.Number => v.GetDouble(),
            _ => throw CairnException.Invalid($"options.{name}", "must be a number"),
        };
    }

    public int Int(string name, int fallback)
    {
        var v = Option(name);
        return v.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => fallback,
            JsonValueKind.Number when v.TryGetInt32(out var i) => i,
            _ => throw CairnException.Invalid($"options.{name}", "must be an integer"),
        };
    }

    public string[] Strings(string name, string[] fallback)
    {
        var v = Option(name);
        if (v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw CairnException.Invalid($"options.{name}", "must be an array of strings");
        }

        return v.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    /// <summary>A list of strings (e.g. predictions).</summary>
    public string[] TextList(string field) => Select(Cached("TextList:" + field, () => ParseTextList(field)));

    private string[] ParseTextList(string field)
    {
        var a = Array(field);
        var result = new string[a.GetArrayLength()];
        var i = 0;
        foreach (var e in a.EnumerateArray())
        {
            result[i] = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw CairnException.Invalid($"{field}[{i}]", "must be a string");
            i++;
        }

        return result;
    }

    /// <summary>References: per prediction, one string or a list of strings.</summary>
    public IReadOnlyList<string>[] References(string field = "references") => Select(Cached("References:" + field, () => ParseReferences(field)));

    private IReadOnlyList<string>[] ParseReferences(string field)
    {
        var a = Array(field);
        var result = new IReadOnlyList<string>[a.GetArrayLength()];
        var i = 0;
        foreach (var e in a.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.String)
            {
                result[i] = [e.GetString()!];
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var j = 0;
                var refs = new List<string>();
                foreach (var r in e.EnumerateArray())
                {
                    refs.Add(r.ValueKind == JsonValueKind.String ? r.GetString()! : throw CairnException.Invalid($"{field}[{i}][{j}]", "must be a string"));
                    j++;
                }

                result[i] = refs;
            }
            else
            {
                throw CairnException.Invalid($"{field}[{i}]", "must be a string or a list of strings");
            }

            i++;
        }

        return result;
    }

    /// <summary>Class labels: all numbers, or all strings (booleans count as the strings False and True).</summary>
    public (string[] Values, bool Numeric) Labels(string field)
    {
        var (values, numeric) = Cached("Labels:" + field, () => ParseLabels(field));
        return (Select(values), numeric);
    }

    private (string[] Values, bool Numeric) ParseLabels(string field)
    {
        var a = Array(field);
        var values = new string[a.GetArrayLength()];
        bool? numeric = null;
        var i = 0;
        foreach (var e in a.EnumerateArray())
        {
            var isNumber = e.ValueKind == JsonValueKind.Number;
            values[i] = e.ValueKind switch
            {
                JsonValueKind.Number => e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                _ => throw CairnException.Invalid($"{field}[{i}]", "must be a number or a string"),
            };
            if (!double.IsFinite(isNumber ? e.GetDouble() : 0))
            {
                throw CairnException.Invalid($"{field}[{i}]", "must be finite");
            }

            if (numeric is { } n && n != isNumber)
            {
                throw CairnException.Invalid($"{field}[{i}]", "labels mix numbers and strings; use one kind");
            }

            numeric = isNumber;
            i++;
        }

        return (values, numeric ?? true);
    }

    /// <summary>A list of numbers; NaN and infinity are refused.</summary>
    public double[] Numbers(string field) => Select(Cached("Numbers:" + field, () => ParseNumbers(field)));

    private double[] ParseNumbers(string field)
    {
        var a = Array(field);
        var result = new double[a.GetArrayLength()];
        var i = 0;
        foreach (var e in a.EnumerateArray())
        {
            result[i] = e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw CairnException.Invalid($"{field}[{i}]", "must be a number (NaN is not allowed)");
            i++;
        }

        return result;
    }

    /// <summary>Rows of numbers (probabilities per class, token log-probabilities per sequence); a flat list counts as one column.</summary>
    public IReadOnlyList<double>[] Rows(string field, bool allowFlat) => Select(Cached($"Rows:{allowFlat}:{field}", () => ParseRows(field, allowFlat)));

    private IReadOnlyList<double>[] ParseRows(string field, bool allowFlat)
    {
        var a = Array(field);
        var result = new IReadOnlyList<double>[a.GetArrayLength()];
        var i = 0;
        foreach (var e in a.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && allowFlat)
            {
                result[i] = [e.GetDouble()];
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var j = 0;
                var row = new List<double>();
                foreach (var v in e.EnumerateArray())
                {
                    row.Add(v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw CairnException.Invalid($"{field}[{i}][{j}]", "must be a number"));
                    j++;
                }

                result[i] = row;
            }
            else
            {
                throw CairnException.Invalid($"{field}[{i}]", allowFlat ? "must be a number or a list of numbers" : "must be a list of numbers");
            }

            i++;
        }

        return result;
    }

    /// <summary>Whether <paramref name="field"/> holds a list of lists.</summary>
    public bool IsNested(string field) =>
        _root.TryGetProperty(field, out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0 && a[0].ValueKind == JsonValueKind.Array;

    private T Cached<T>(string key, Func<T> parse)
        where T : notnull
    {
        lock (_parsed)
        {
            if (_parsed.TryGetValue(key, out var value))
            {
                return (T)value;
            }
        }

        var parsed = parse();
        lock (_parsed)
        {
            _parsed[key] = parsed;
        }

        return parsed;
    }

    private T[] Select<T>(T[] all)
    {
        if (_rows is null)
        {
            return all;
        }

        var selected = new T[_rows.Length];
        for (var i = 0; i < _rows.Length; i++)
        {
            selected[i] = all[_rows[i]];
        }

        return selected;
    }

    private JsonElement Option(string name)
    {
        _usedOptions.Add(name);
        return Options.ValueKind == JsonValueKind.Object && Options.TryGetProperty(name, out var v) ? v : default;
    }

    private JsonElement Array(string field)
    {
        if (!_root.TryGetProperty(field, out var a) || a.ValueKind == JsonValueKind.Null)
        {
            throw CairnException.Invalid(field, $"is required by {Metric}");
        }

        return a.ValueKind == JsonValueKind.Array ? a : throw CairnException.Invalid(field, "must be an array");
    }
}

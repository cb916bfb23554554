using System.Text;
using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>
/// MLflow's logged-model search grammar (<c>name = 'model' AND params.alpha = '0.1' AND tags.t LIKE 'x%'</c>),
/// evaluated over the models of the requested experiments. Attributes: name, model_id, model_type, status,
/// source_run_id (= != LIKE ILIKE IN NOT IN) and creation_timestamp / last_updated_timestamp (numbers).
/// </summary>
public static class LoggedModelFilter
{
    /// <summary>Attribute names as a filter or order may write them, mapped to their canonical name.</summary>
    private static readonly Dictionary<string, string> Attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["model_id"] = "model_id", ["model_type"] = "model_type", ["status"] = "status", ["source_run_id"] = "source_run_id",
        ["creation_timestamp"] = "creation_time", ["creation_time"] = "creation_time", ["creation_timestamp_ms"] = "creation_time",
        ["last_updated_timestamp"] = "last_update_time", ["last_updated_time"] = "last_update_time", ["last_updated_timestamp_ms"] = "last_update_time",
    };

    public static IReadOnlyList<SearchClause> Parse(string? filter) => RunFilterParser.ParseWith(filter, ReadIdentifier);

    /// <summary>The canonical attribute an order_by field names; Invalid for anything else.</summary>
    public static string OrderField(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            throw TrackingValidation.Missing("order_by.field_name");
        }

        if (Attributes.TryGetValue(field.StartsWith("attributes.", StringComparison.OrdinalIgnoreCase) ? field["attributes.".Length..] : field, out var name))
        {
            return name;
        }

        throw CairnException.Invalid("order_by.field_name", field.StartsWith("metrics.", StringComparison.OrdinalIgnoreCase)
            ? $"Invalid order by field name: {field}. Cairn does not record metrics per logged model yet, so it cannot order by them."
            : $"Invalid order by field name: {field}. Valid: {string.Join(", ", Attributes.Keys)}");
    }

    public static bool Matches(LoggedModel model, IReadOnlyList<SearchClause> clauses)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clauses);
        foreach (var c in clauses)
        {
            if (c.Number is { } number)
            {
                var left = (double)(c.Key == "creation_time" ? model.CreationTime : model.LastUpdatedTime);
                if (!Compare(left.CompareTo(number), c.Comparator))
                {
                    return false;
                }

                continue;
            }

            var value = c.Entity switch
            {
                SearchEntity.Param => model.Params.FirstOrDefault(p => p.Key == c.Key)?.Value,
                SearchEntity.Tag => model.Tags.FirstOrDefault(t => t.Key == c.Key)?.Value,
                _ => Attribute(model, c.Key),
            };
            if (value is null || !MatchesText(value, c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A string attribute's value, or null when unset.</summary>
    public static string? Attribute(LoggedModel model, string name) => name switch
    {
        "name" => model?.Name,
        "model_id" => model?.ModelId,
        "model_type" => model?.ModelType,
        "status" => model?.Status,
        "source_run_id" => model?.SourceRunId,
        _ => null,
    };

    /// <summary>Whether a string satisfies a clause (= != LIKE ILIKE IN NOT IN).</summary>
    public static bool MatchesText(string value, SearchClause c) => (c ?? throw new ArgumentNullException(nameof(c))).Comparator switch
    {
        "=" => value == c.Text,
        "!=" => value != c.Text,
        "LIKE" => Like(c.Text!, ignoreCase: false).IsMatch(value),
        "ILIKE" => Like(c.Text!, ignoreCase: true).IsMatch(value),
        "IN" => c.List!.Contains(value),
        _ => !c.List!.Contains(value),
    };

    private static bool Compare(int order, string comparator) => comparator switch
    {
        "=" => order == 0,
        "!=" => order != 0,
        ">" => order > 0,
        ">=" => order >= 0,
        "<" => order < 0,
        _ => order <= 0,
    };

    /// <summary>SQL LIKE as a linear-time regex: % any run, _ one character, \ escapes.</summary>
    private static Regex Like(string pattern, bool ignoreCase)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            sb.Append(ch switch
            {
                '%' => ".*",
                '_' => ".",
                '\\' when i + 1 < pattern.Length => Regex.Escape(pattern[++i].ToString()),
                _ => Regex.Escape(ch.ToString()),
            });
        }

        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(sb.Append('$').ToString(), options);
    }

    private static (SearchEntity Entity, string Key, int Position) ReadIdentifier(TokenReader reader)
    {
        var first = reader.Peek;
        if (first.Kind == TokenKind.Identifier && reader.PeekAt(1).Kind != TokenKind.Dot)
        {
            reader.Next();
            return Attributes.TryGetValue(first.Text, out var bare)
                ? (SearchEntity.Attribute, bare, first.Position)
                : throw FilterLexer.Error(reader.Field, first.Position, $"Invalid logged model search key '{first.Text}'; valid attributes: {string.Join(", ", Attributes.Keys)}");
        }

        if (first.Kind == TokenKind.Identifier && first.Text.ToLowerInvariant() is "attributes" or "attribute" or "attr")
        {
            reader.Next();
            reader.Next();
            var key = reader.Next();
            return Attributes.TryGetValue(key.Text, out var named)
                ? (SearchEntity.Attribute, named, first.Position)
                : throw FilterLexer.Error(reader.Field, key.Position, $"Invalid logged model search key '{key.Text}'; valid attributes: {string.Join(", ", Attributes.Keys)}");
        }

        var (entity, name, position) = IdentifierParser.Read(reader, allowBareAttribute: false);
        return entity switch
        {
            SearchEntity.Param or SearchEntity.Tag => (entity, name, position),
            SearchEntity.Metric => throw FilterLexer.Error(reader.Field, position, "Cairn does not record metrics per logged model yet, so it cannot filter by them"),
            _ => throw FilterLexer.Error(reader.Field, position, "logged models are filtered by attributes, params.<key> and tags.<key>"),
        };
    }
}

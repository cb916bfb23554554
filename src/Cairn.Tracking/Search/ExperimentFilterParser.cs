using Cairn.Core.Errors;
using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>
/// MLflow's experiment search grammar: <c>name</c> (= != LIKE ILIKE), <c>creation_time</c> and
/// <c>last_update_time</c> (numbers), <c>tags.&lt;key&gt;</c> (= != LIKE ILIKE), joined by AND; order by
/// name, experiment_id, creation_time or last_update_time.
/// </summary>
public static class ExperimentFilterParser
{
    /// <summary>Attributes of experiments that can be filtered or ordered.</summary>
    public static readonly IReadOnlyList<string> Attributes = ["name", "creation_time", "last_update_time", "experiment_id"];

    public static IReadOnlyList<SearchClause> Parse(string? filter)
    {
        var clauses = RunFilterParser.ParseWith(filter, ReadIdentifier);
        foreach (var c in clauses)
        {
            string[] allowed = c.Entity == SearchEntity.Tag || c.Key == "name" ? ["=", "!=", "LIKE", "ILIKE"] : ["=", "!=", ">", ">=", "<", "<="];
            if (!allowed.Contains(c.Comparator) || (c.Key == "experiment_id" && c.Entity == SearchEntity.Attribute))
            {
                throw CairnException.Invalid("filter", $"'{c.Comparator}' cannot compare '{(c.Entity == SearchEntity.Tag ? "tags." : string.Empty)}{c.Key}'");
            }
        }

        return clauses;
    }

    public static IReadOnlyList<SearchOrder> ParseOrderBy(IReadOnlyList<string>? terms)
    {
        var parsed = OrderByParser.ParseWith(terms, ReadIdentifier);
        var bad = parsed.FirstOrDefault(t => t.Entity != SearchEntity.Attribute);
        return bad is null ? parsed : throw CairnException.Invalid("order_by", $"experiments can be ordered by {string.Join(", ", Attributes)} only");
    }

    private static (SearchEntity Entity, string Key, int Position) ReadIdentifier(TokenReader reader)
    {
        var first = reader.Peek;
        if (first.Kind == TokenKind.Identifier && Attributes.Contains(first.Text.ToLowerInvariant()) && !IsDotNext(reader))
        {
            reader.Next();
            return (SearchEntity.Attribute, first.Text.ToLowerInvariant(), first.Position);
        }

        var (entity, key, position) = IdentifierParser.Read(reader, allowBareAttribute: false, attributeNames: Attributes);
        return entity is SearchEntity.Tag or SearchEntity.Attribute
            ? (entity, key, position)
            : throw FilterLexer.Error(reader.Field, position, "experiments are filtered by name, creation_time, last_update_time or tags.<key>");
    }

    private static bool IsDotNext(TokenReader reader) => reader.PeekAt(1).Kind == TokenKind.Dot;
}

using System.Globalization;
using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>
/// MLflow's run filter grammar: <c>clause (AND clause)*</c> where a clause is
/// <c>prefix.key comparator value</c>, e.g.
/// <c>metrics.acc &gt; 0.9 and params.lr = '0.01' and tags."mlflow.runName" LIKE 'base%' and attributes.status IN ('FINISHED')</c>.
/// Errors name the character position.
/// </summary>
public static class RunFilterParser
{
    private const string Field = "filter";

    /// <summary>Parses a filter; null or blank means no filter.</summary>
    public static IReadOnlyList<SearchClause> Parse(string? filter) => ParseWith(filter, r => IdentifierParser.Read(r, allowBareAttribute: true));

    /// <summary>Parses a filter whose identifiers are read by <paramref name="identifier"/> (runs and experiments differ there).</summary>
    internal static IReadOnlyList<SearchClause> ParseWith(string? filter, Func<TokenReader, (SearchEntity Entity, string Key, int Position)> identifier)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var reader = new TokenReader(FilterLexer.Tokenize(filter, Field), Field);
        var clauses = new List<SearchClause> { ParseClause(reader, identifier) };
        while (reader.Peek.Kind != TokenKind.End)
        {
            var joiner = reader.Next();
            if (joiner.Kind != TokenKind.Identifier || !joiner.Text.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                throw FilterLexer.Error(Field, joiner.Position, joiner.Text.Equals("or", StringComparison.OrdinalIgnoreCase)
                    ? "only AND joins clauses; OR is not supported"
                    : $"expected AND or the end of the filter, found '{joiner.Text}'");
            }

            clauses.Add(ParseClause(reader, identifier));
        }

        return clauses;
    }

    private static SearchClause ParseClause(TokenReader reader, Func<TokenReader, (SearchEntity Entity, string Key, int Position)> identifier)
    {
        var (entity, key, at) = identifier(reader);
        var (comparator, comparatorAt) = ReadComparator(reader);
        CheckComparator(entity, key, comparator, comparatorAt);
        if (comparator is "IN" or "NOT IN")
        {
            return new SearchClause(entity, key, comparator, null, null, ReadList(reader));
        }

        var value = reader.Next();
        if (entity == SearchEntity.Metric || (entity == SearchEntity.Attribute && (SearchAttributes.Numbers.Contains(key) || key is "creation_time" or "last_update_time")))
        {
            if (value.Kind != TokenKind.Number)
            {
                throw FilterLexer.Error(Field, value.Position, $"'{Describe(entity, key)}' takes a number, found {Show(value)}");
            }

            return new SearchClause(entity, key, comparator, double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture), null, null);
        }

        if (value.Kind is not (TokenKind.String or TokenKind.QuotedName))
        {
            throw FilterLexer.Error(Field, value.Position, $"'{Describe(entity, key)}' takes a quoted string such as '{value.Text}', found {Show(value)}");
        }

        _ = at;
        if (comparator is "LIKE" or "ILIKE" && EndsWithLoneEscape(value.Text))
        {
            throw FilterLexer.Error(Field, value.Position, "a LIKE pattern cannot end with the escape character '\\'; write '\\\\' for a literal backslash");
        }

        return new SearchClause(entity, key, comparator, null, value.Text, null);
    }

    private static (string Comparator, int Position) ReadComparator(TokenReader reader)
    {
        var token = reader.Next();
        if (token.Kind == TokenKind.Operator)
        {
            return (token.Text, token.Position);
        }

        if (token.Kind == TokenKind.Identifier)
        {
            var word = token.Text.ToUpperInvariant();
            if (word is "LIKE" or "ILIKE" or "IN")
            {
                return (word, token.Position);
            }

            if (word == "NOT" && reader.Peek.Kind == TokenKind.Identifier && reader.Peek.Text.Equals("in", StringComparison.OrdinalIgnoreCase))
            {
                reader.Next();
                return ("NOT IN", token.Position);
            }
        }

        throw FilterLexer.Error(Field, token.Position, $"expected a comparator (=, !=, >, >=, <, <=, LIKE, ILIKE, IN, NOT IN), found {Show(token)}");
    }

    private static void CheckComparator(SearchEntity entity, string key, string comparator, int position)
    {
        string[] allowed = entity switch
        {
            SearchEntity.Metric => ["=", "!=", ">", ">=", "<", "<="],
            SearchEntity.Param or SearchEntity.Tag => ["=", "!=", "LIKE", "ILIKE"],
            SearchEntity.Attribute when SearchAttributes.Numbers.Contains(key) || key is "creation_time" or "last_update_time" => ["=", "!=", ">", ">=", "<", "<="],
            SearchEntity.Attribute when key == "name" => ["=", "!=", "LIKE", "ILIKE"],
            _ => ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"],
        };
        if (!allowed.Contains(comparator))
        {
            throw FilterLexer.Error(Field, position, $"'{comparator}' cannot compare '{Describe(entity, key)}'; use one of {string.Join(", ", allowed)}");
        }
    }

    private static List<string> ReadList(TokenReader reader)
    {
        var open = reader.Next();
        if (open.Kind != TokenKind.LeftParen)
        {
            throw FilterLexer.Error(Field, open.Position, $"IN takes a parenthesised list of quoted strings, found {Show(open)}");
        }

        var values = new List<string>();
        while (true)
        {
            var value = reader.Next();
            if (value.Kind is not (TokenKind.String or TokenKind.QuotedName))
            {
                throw FilterLexer.Error(Field, value.Position, $"IN lists hold quoted strings, found {Show(value)}");
            }

            values.Add(value.Text);
            if (values.Count > Cairn.Tracking.TrackingLimits.MaxInListValues)
            {
                throw FilterLexer.Error(Field, value.Position, $"IN lists hold at most {Cairn.Tracking.TrackingLimits.MaxInListValues} values");
            }

            var next = reader.Next();
            if (next.Kind == TokenKind.RightParen)
            {
                return values;
            }

            if (next.Kind != TokenKind.Comma)
            {
                throw FilterLexer.Error(Field, next.Position, $"expected ',' or ')' in the IN list, found {Show(next)}");
            }
        }
    }

    private static bool EndsWithLoneEscape(string pattern)
    {
        var trailing = 0;
        for (var i = pattern.Length - 1; i >= 0 && pattern[i] == '\\'; i--)
        {
            trailing++;
        }

        return trailing % 2 == 1;
    }

    internal static string Describe(SearchEntity entity, string key) => entity switch
    {
        SearchEntity.Metric => "metrics." + key,
        SearchEntity.Param => "params." + key,
        SearchEntity.Tag => "tags." + key,
        SearchEntity.Dataset => "datasets." + key,
        _ => "attributes." + key,
    };

    internal static string Show(Token token) => token.Kind == TokenKind.End ? "the end of the filter" : $"'{token.Text}'";
}

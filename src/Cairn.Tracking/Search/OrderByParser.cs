using Cairn.Core.Errors;
using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>Parses <c>order_by</c> terms such as <c>metrics.acc DESC</c> or <c>attributes.start_time</c> (ascending by default).</summary>
public static class OrderByParser
{
    private const string Field = "order_by";

    /// <summary>The most terms accepted.</summary>
    public const int MaxTerms = 10;

    public static IReadOnlyList<SearchOrder> Parse(IReadOnlyList<string>? terms) => ParseWith(terms, r => IdentifierParser.Read(r, allowBareAttribute: true));

    internal static IReadOnlyList<SearchOrder> ParseWith(IReadOnlyList<string>? terms, Func<TokenReader, (SearchEntity Entity, string Key, int Position)> identifier)
    {
        if (terms is null || terms.Count == 0)
        {
            return [];
        }

        if (terms.Count > MaxTerms)
        {
            throw CairnException.Invalid(Field, $"must have at most {MaxTerms} terms");
        }

        var parsed = terms.Select(t => ParseTerm(t, identifier)).ToList();
        var duplicate = parsed.GroupBy(t => (t.Entity, t.Key)).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? parsed
            : throw CairnException.Invalid(Field, $"'{RunFilterParser.Describe(duplicate.Key.Entity, duplicate.Key.Key)}' appears more than once");
    }

    private static SearchOrder ParseTerm(string term, Func<TokenReader, (SearchEntity Entity, string Key, int Position)> identifier)
    {
        var reader = new TokenReader(FilterLexer.Tokenize(term ?? string.Empty, Field), Field);
        var (entity, key, _) = identifier(reader);
        if (entity == SearchEntity.Dataset)
        {
            throw CairnException.Invalid(Field, "datasets.* cannot be ordered by");
        }

        var ascending = true;
        var direction = reader.Next();
        if (direction.Kind == TokenKind.Identifier && direction.Text.ToUpperInvariant() is "ASC" or "DESC")
        {
            ascending = direction.Text.Equals("ASC", StringComparison.OrdinalIgnoreCase);
            direction = reader.Next();
        }

        if (direction.Kind != TokenKind.End)
        {
            throw FilterLexer.Error(Field, direction.Position, $"expected ASC, DESC or the end of '{term}', found {RunFilterParser.Show(direction)}");
        }

        return new SearchOrder(entity, key, ascending);
    }
}

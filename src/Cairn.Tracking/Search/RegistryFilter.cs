using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>
/// MLflow's registry search grammars: registered models by <c>name</c> and <c>tags.&lt;key&gt;</c>; model versions
/// also by <c>run_id</c> and <c>source_path</c>. Clauses joined by AND; = != LIKE ILIKE (IN for run_id).
/// </summary>
public static class RegistryFilter
{
    private static readonly string[] ModelAttributes = ["name"];
    private static readonly string[] VersionAttributes = ["name", "run_id", "source_path"];

    public static IReadOnlyList<SearchClause> ParseModels(string? filter) => RunFilterParser.ParseWith(filter, r => Read(r, ModelAttributes));

    public static IReadOnlyList<SearchClause> ParseVersions(string? filter) => RunFilterParser.ParseWith(filter, r => Read(r, VersionAttributes));

    /// <summary>Whether the values an item has for each clause's attribute or tag satisfy every clause.</summary>
    public static bool Matches(IReadOnlyList<SearchClause> clauses, Func<string, string?> attribute, IReadOnlyList<KeyValue> tags)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(tags);
        return clauses.All(c =>
            (c.Entity == SearchEntity.Tag ? tags.FirstOrDefault(t => t.Key == c.Key)?.Value : attribute(c.Key)) is { } value && LoggedModelFilter.MatchesText(value, c));
    }

    private static (SearchEntity Entity, string Key, int Position) Read(TokenReader reader, string[] attributes)
    {
        var first = reader.Peek;
        if (first.Kind == TokenKind.Identifier && reader.PeekAt(1).Kind != TokenKind.Dot)
        {
            reader.Next();
            var key = first.Text.ToLowerInvariant();
            return attributes.Contains(key)
                ? (SearchEntity.Attribute, key, first.Position)
                : throw FilterLexer.Error(reader.Field, first.Position, $"Invalid attribute key '{first.Text}' specified. Valid keys are {string.Join(", ", attributes)} and tags.<key>");
        }

        var (entity, name, position) = IdentifierParser.Read(reader, allowBareAttribute: false, attributeNames: attributes);
        return entity is SearchEntity.Tag or SearchEntity.Attribute
            ? (entity, name, position)
            : throw FilterLexer.Error(reader.Field, position, $"the registry is searched by {string.Join(", ", attributes)} and tags.<key>");
    }
}

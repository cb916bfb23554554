using System.Text;
using Cairn.Core.Tracking;

namespace Cairn.Tracking.Search;

/// <summary>Reads <c>prefix.key</c> where the key is bare (dots allowed) or quoted with backticks or double quotes.</summary>
internal static class IdentifierParser
{
    public static (SearchEntity Entity, string Key, int Position) Read(TokenReader reader, bool allowBareAttribute, IReadOnlyList<string>? attributeNames = null)
    {
        var first = reader.Next();
        if (first.Kind != TokenKind.Identifier)
        {
            throw FilterLexer.Error(reader.Field, first.Position, $"expected an identifier such as metrics.accuracy, params.lr, tags.\"mlflow.runName\" or attributes.status, found {RunFilterParser.Show(first)}");
        }

        if (reader.Peek.Kind != TokenKind.Dot)
        {
            if (allowBareAttribute && SearchAttributes.Canonical(first.Text) is { } bare)
            {
                return (SearchEntity.Attribute, bare, first.Position);
            }

            throw FilterLexer.Error(reader.Field, first.Position, $"'{first.Text}' needs a prefix: metrics., params., tags., attributes. or datasets.");
        }

        var entity = SearchAttributes.EntityOf(first.Text)
            ?? throw FilterLexer.Error(reader.Field, first.Position, $"'{first.Text}' is not a known prefix; use metrics, params, tags, attributes or datasets");
        reader.Next();
        var keyStart = reader.Peek;
        string key;
        if (keyStart.Kind == TokenKind.QuotedName)
        {
            key = reader.Next().Text;
        }
        else if (keyStart.Kind is TokenKind.Identifier or TokenKind.Number)
        {
            var sb = new StringBuilder(reader.Next().Text);
            while (reader.Peek.Kind == TokenKind.Dot)
            {
                reader.Next();
                var part = reader.Next();
                if (part.Kind is not (TokenKind.Identifier or TokenKind.Number))
                {
                    throw FilterLexer.Error(reader.Field, part.Position, $"expected the rest of the key after '.', found {RunFilterParser.Show(part)}");
                }

                sb.Append('.').Append(part.Text);
            }

            key = sb.ToString();
        }
        else
        {
            throw FilterLexer.Error(reader.Field, keyStart.Position, $"expected a key after '{first.Text}.', found {RunFilterParser.Show(keyStart)}");
        }

        if (key.Length == 0)
        {
            throw FilterLexer.Error(reader.Field, keyStart.Position, "the key is empty");
        }

        return entity switch
        {
            SearchEntity.Attribute when attributeNames is not null => attributeNames.Contains(key.ToLowerInvariant())
                ? (entity, key.ToLowerInvariant(), first.Position)
                : throw FilterLexer.Error(reader.Field, keyStart.Position, $"'{key}' is not an attribute here; valid: {string.Join(", ", attributeNames)}"),
            SearchEntity.Attribute => (entity, SearchAttributes.Canonical(key)
                ?? throw FilterLexer.Error(reader.Field, keyStart.Position, $"'{key}' is not a run attribute; valid: {string.Join(", ", SearchAttributes.Strings.Concat(SearchAttributes.Numbers))}"), first.Position),
            SearchEntity.Dataset when !SearchAttributes.DatasetFields.Contains(key) =>
                throw FilterLexer.Error(reader.Field, keyStart.Position, $"'{key}' is not a dataset field; valid: {string.Join(", ", SearchAttributes.DatasetFields)}"),
            _ => (entity, key, first.Position),
        };
    }
}

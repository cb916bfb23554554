namespace Cairn.Tracking.Search;

/// <summary>A cursor over tokens.</summary>
internal sealed class TokenReader(List<Token> tokens, string field)
{
    private int _index;

    public string Field { get; } = field;

    public Token Peek => tokens[_index];

    public Token PeekAt(int ahead) => tokens[Math.Min(_index + ahead, tokens.Count - 1)];

    public Token Next() => _index < tokens.Count - 1 ? tokens[_index++] : tokens[_index];
}

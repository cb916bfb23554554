namespace Cairn.Tracking.Search;

/// <summary>Token kinds of the filter grammar.</summary>
internal enum TokenKind
{
    Identifier,
    QuotedName,
    String,
    Number,
    Operator,
    Dot,
    Comma,
    LeftParen,
    RightParen,
    End,
}

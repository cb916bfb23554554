namespace Cairn.Tracking.Search;

/// <summary>A lexical token of a search filter, with its position (0-based character offset).</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text (unquoted for strings and quoted identifiers).</param>
/// <param name="Position">Where it starts in the filter.</param>
internal readonly record struct Token(TokenKind Kind, string Text, int Position);

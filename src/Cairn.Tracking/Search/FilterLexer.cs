using System.Globalization;
using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Tracking.Search;

/// <summary>
/// Splits a filter into tokens: bare identifiers (<c>[A-Za-z0-9_-]</c>, dots separate), names in
/// backticks or double quotes, strings in single quotes (a doubled quote escapes one), numbers,
/// comparison operators, parentheses and commas.
/// </summary>
internal static class FilterLexer
{
    public static List<Token> Tokenize(string text, string field)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\0')
            {
                throw Error(field, i, "NUL characters are not allowed");
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '.':
                    tokens.Add(new Token(TokenKind.Dot, ".", i++));
                    break;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", i++));
                    break;
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", i++));
                    break;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", i++));
                    break;
                case '\'':
                    tokens.Add(new Token(TokenKind.String, Quoted(text, ref i, '\'', field), start));
                    break;
                case '"' or '`':
                    tokens.Add(new Token(TokenKind.QuotedName, Quoted(text, ref i, c, field), start));
                    break;
                case '=' or '!' or '<' or '>':
                    tokens.Add(new Token(TokenKind.Operator, Operator(text, ref i, field), start));
                    break;
                default:
                    var afterDot = tokens.Count > 0 && tokens[^1].Kind == TokenKind.Dot;
                    var signedNumber = c is '-' or '+' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.');
                    if (!afterDot && (char.IsAsciiDigit(c) || signedNumber))
                    {
                        tokens.Add(new Token(TokenKind.Number, NumberText(text, ref i, field), start));
                    }
                    else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                    {
                        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                        {
                            i++;
                        }

                        tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
                    }
                    else
                    {
                        throw Error(field, start, $"unexpected character '{c}'");
                    }

                    break;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    public static CairnException Error(string field, int position, string problem) =>
        CairnException.Invalid(field, $"invalid filter at position {position}: {problem}");

    private static string Quoted(string text, ref int i, char quote, string field)
    {
        var start = i++;
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            if (text[i] == '\0')
            {
                throw Error(field, i, "NUL characters are not allowed");
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    sb.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return sb.ToString();
            }

            sb.Append(text[i++]);
        }

        throw Error(field, start, $"the {quote}-quoted text that starts here is never closed");
    }

    private static string Operator(string text, ref int i, string field)
    {
        var start = i;
        var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
        if (two is "!=" or ">=" or "<=" or "<>")
        {
            i += 2;
            return two == "<>" ? "!=" : two;
        }

        if (text[i] == '!')
        {
            throw Error(field, start, "'!' must be followed by '='");
        }

        return text[i++].ToString();
    }

    private static string NumberText(string text, ref int i, string field)
    {
        var start = i;
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            var exponentSign = c is '+' or '-' && text[i - 1] is 'e' or 'E';
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !exponentSign)
            {
                break;
            }

            i++;
        }

        var token = text[start..i];
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? token
            : throw Error(field, start, $"'{token}' is not a number");
    }
}

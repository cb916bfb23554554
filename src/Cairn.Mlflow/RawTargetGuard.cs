using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Mlflow;

/// <summary>
/// Kestrel resolves <c>..</c> segments and decodes the path before routing, which would quietly turn
/// a traversal attempt into some other path. Artifact routes look at the raw request target
/// instead and refuse any dot segment, backslash, NUL or encoded separator, at any decoding depth.
/// </summary>
public static class RawTargetGuard
{
    /// <summary>Refuses a raw request path with dot segments, backslashes or NUL at any decoding depth (for every route).</summary>
    public static void CheckPath(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? string.Empty;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw.AsSpan() : raw.AsSpan(0, question);

        // Runs on every request: a path without '.', '%', '\' or NUL cannot hide a dot segment.
        if (path.IndexOfAny(".%\\\0") < 0)
        {
            return;
        }

        Inspect(path.ToString(), encodedSlashAllowed: true);
    }

    /// <summary>The path check plus the <c>path</c> query parameter, with encoded separators refused in the path.</summary>
    public static void Check(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? string.Empty;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var text = question < 0 ? raw : raw[..question];
        var query = question < 0 ? string.Empty : raw[(question + 1)..];
        Inspect(text, encodedSlashAllowed: false);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == "path")
            {
                Inspect(pair[(eq + 1)..].Replace('+', ' '), encodedSlashAllowed: true);
            }
        }
    }

    private static void Inspect(string value, bool encodedSlashAllowed)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            if (value.Contains('\\', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal)
                || value.Split('/').Any(segment => segment is "." or ".."))
            {
                throw CairnException.Invalid("path", "must not contain '.' or '..' segments, backslashes or NUL, in any encoding");
            }

            var decoded = Decode(value);
            if (decoded == value)
            {
                return;
            }

            if (!encodedSlashAllowed && (value.Contains("%2f", StringComparison.OrdinalIgnoreCase) || value.Contains("%5c", StringComparison.OrdinalIgnoreCase)))
            {
                throw CairnException.Invalid("path", "must not contain encoded '/' or '\\\\'");
            }

            value = decoded;
        }

        throw CairnException.Invalid("path", "is encoded too many times");
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value);
}

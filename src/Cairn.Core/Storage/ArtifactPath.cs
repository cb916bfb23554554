using Cairn.Core.Errors;
using Cairn.Core.Text;

namespace Cairn.Core.Storage;

/// <summary>
/// Normalises a client-supplied relative path (e.g. an artifact's path inside a run) and refuses
/// anything that could leave its root: absolute paths, drive letters, backslashes, <c>.</c> and
/// <c>..</c> segments, control characters, and percent-encoding at any depth (an encoded name is
/// never decoded into a path, so <c>%2e%2e</c> and <c>%252e%252e</c> cannot become <c>..</c>).
/// </summary>
public static class ArtifactPath
{
    /// <summary>The longest path accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns the normalised path (segments joined by '/'), or throws naming <paramref name="field"/> and the rule.</summary>
    public static string Normalize(string? path, string field = "path")
    {
        if (string.IsNullOrEmpty(path))
        {
            throw CairnException.Invalid(field, "is required");
        }

        if (path.Length > MaxLength)
        {
            throw CairnException.Invalid(field, $"must be at most {MaxLength} characters");
        }

        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                throw CairnException.Invalid(field, "must not contain control characters");
            }

            if (c == '\\')
            {
                throw CairnException.Invalid(field, "must use '/' as separator, not '\\'");
            }

            if (c == '%')
            {
                throw CairnException.Invalid(field, "must not contain percent-encoded characters");
            }
        }

        if (Utf16.LoneSurrogateAt(path) >= 0)
        {
            throw CairnException.Invalid(field, "must be valid Unicode (it has an unpaired surrogate)");
        }

        if (path[0] == '/' || (path.Length >= 2 && path[1] == ':'))
        {
            throw CairnException.Invalid(field, "must be relative (no leading '/' or drive letter)");
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (segment is "." or "..")
            {
                throw CairnException.Invalid(field, "must not contain '.' or '..' segments");
            }

            if (segment.Trim().Length == 0 || segment.EndsWith('.') || segment.EndsWith(' '))
            {
                throw CairnException.Invalid(field, $"segment '{segment}' must not be blank or end with '.' or a space");
            }
        }

        return segments.Length == 0 ? throw CairnException.Invalid(field, "is required") : string.Join('/', segments);
    }
}

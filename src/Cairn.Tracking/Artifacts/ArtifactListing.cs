namespace Cairn.Tracking.Artifacts;

/// <summary>One entry of a directory listing.</summary>
/// <param name="Path">Path as the caller asked for it (a basename for the proxy, run-relative for artifacts/list).</param>
/// <param name="IsDir">Whether it is a directory.</param>
/// <param name="Size">Bytes, for files.</param>
public sealed record ArtifactListing(string Path, bool IsDir, long? Size)
{
    /// <summary>
    /// The immediate children of <paramref name="directory"/> (null for the root) among files given by
    /// path and size; <paramref name="fullPaths"/> names them from the root rather than by basename.
    /// </summary>
    public static IReadOnlyList<ArtifactListing> Children(IEnumerable<(string Path, long Size)> files, string? directory, bool fullPaths)
    {
        ArgumentNullException.ThrowIfNull(files);
        var prefix = directory is null ? string.Empty : directory + "/";
        var children = new SortedDictionary<string, ArtifactListing>(StringComparer.Ordinal);
        foreach (var (path, size) in files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal) && f.Path.Length > prefix.Length))
        {
            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? rest : rest[..slash];
            var shown = fullPaths ? prefix + name : name;
            children.TryAdd(name, slash < 0 ? new ArtifactListing(shown, false, size) : new ArtifactListing(shown, true, null));
        }

        return children.Values.ToList();
    }
}

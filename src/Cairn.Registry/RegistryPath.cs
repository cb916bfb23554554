using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Registry;

/// <summary>A path of the artifact proxy's registry tree: <c>registry/&lt;model name&gt;/&lt;version&gt;[/&lt;file&gt;]</c>, read-only.</summary>
/// <param name="Name">Registered model name.</param>
/// <param name="Version">Version number.</param>
/// <param name="Relative">Path inside the version, or null for its root.</param>
public sealed record RegistryPath(string Name, long Version, string? Relative)
{
    public const string Root = "registry";

    /// <summary>Whether a proxy path addresses the registry tree.</summary>
    public static bool Matches(string? path) => path is not null && (path == Root || path.StartsWith(Root + "/", StringComparison.Ordinal));

    public static RegistryPath Parse(string? path)
    {
        var normalized = ArtifactPath.Normalize(path, "path");
        var parts = normalized.Split('/', 4);
        if (parts.Length < 3 || parts[0] != Root)
        {
            throw CairnException.Invalid("path", "must be 'registry/<model name>/<version>[/<file>]'");
        }

        return new RegistryPath(RegistryValidation.Name(parts[1], "path"), RegistryValidation.Version(parts[2], "path"), parts.Length == 4 ? parts[3] : null);
    }
}

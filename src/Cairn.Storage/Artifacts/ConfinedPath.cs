using Cairn.Core.Storage;
using Cairn.Core.Errors;

namespace Cairn.Storage.Artifacts;

/// <summary>Resolves a client path to a file under a root folder, refusing anything that would land outside it, through symlinks too.</summary>
public static class ConfinedPath
{
    /// <summary>The full path of <paramref name="clientPath"/> under <paramref name="root"/>; throws Invalid when it escapes.</summary>
    public static string Resolve(string root, string? clientPath, string field = "path")
    {
        var relative = ArtifactPath.Normalize(clientPath, field);
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw CairnException.Invalid(field, "must stay inside its root");
        }

        // Any existing component that is a link could point anywhere: refuse it rather than follow it.
        var current = fullRoot;
        foreach (var segment in relative.Split('/'))
        {
            current = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                throw CairnException.Invalid(field, "must not pass through a symbolic link");
            }
        }

        return full;
    }
}

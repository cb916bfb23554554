using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.Registry;

/// <summary>
/// The canonical manifest of a version — one line <c>&lt;sha256&gt; &lt;size&gt; &lt;path&gt;\n</c> per file, files in
/// ordinal path order, UTF-8 — and its SHA-256, the version digest that signatures cover.
/// </summary>
public static class ModelManifest
{
    /// <summary>The manifest text.</summary>
    public static string Text(IEnumerable<ModelFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sb = new StringBuilder();
        foreach (var f in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            sb.Append(f.Sha256).Append(' ').Append(f.Size.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(f.Path).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The version digest: lowercase hex SHA-256 of the manifest text.</summary>
    public static string Digest(IEnumerable<ModelFile> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(files))));
}

using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Storage.Sql;

/// <summary>The embedded migration scripts of each provider, in order.</summary>
public static class MigrationCatalog
{
    /// <summary>The migrations of a provider, ordered by version; throws when the series has a gap.</summary>
    public static IReadOnlyList<Migration> For(SqlProvider provider)
    {
        var folder = provider == SqlProvider.Postgres ? "postgres" : "sqlite";
        var prefix = $"Cairn.Storage.Migrations.{folder}.";
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Select(n => (Resource: n, Name: n.Replace('/', '.').Replace('\\', '.')))
            .Where(n => n.Name.StartsWith(prefix, StringComparison.Ordinal) && n.Name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n.Resource, n.Name[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No migrations are embedded for {folder}");
        }

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migration series for {folder} has a gap before {migrations[i].Name}");
            }
        }

        return migrations;
    }

    private static Migration Load(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new Migration(version, name, sql, checksum);
    }
}

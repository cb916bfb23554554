namespace Cairn.Storage.Sql;

/// <summary>One numbered SQL script of a provider's migration series.</summary>
/// <param name="Version">1, 2, ... without gaps.</param>
/// <param name="Name">File name without extension.</param>
/// <param name="Sql">The script.</param>
/// <param name="Checksum">SHA-256 of the script, to catch an edited applied migration.</param>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);

namespace Cairn.Storage.Sql;

/// <summary>The supported database providers.</summary>
public enum SqlProvider
{
    Sqlite,
    Postgres,
}

namespace Cairn.Server.Hosting;

/// <summary>Values a fresh install starts with.</summary>
public static class ServerDefaults
{
    /// <summary>Where Cairn listens when nothing else is configured.</summary>
    public const string Url = "http://127.0.0.1:5000";

    /// <summary>Command-line switches and the configuration keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--data-dir"] = "Cairn:Storage:DataDirectory",
        ["--storage-provider"] = "Cairn:Storage:Provider",
        ["--connection-string"] = "Cairn:Storage:ConnectionString",
        ["--urls"] = "urls",
    };
}

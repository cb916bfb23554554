using System.Text.Json;

namespace Cairn.Cli;

/// <summary>
/// Saved login: <c>$CAIRN_CONFIG</c>, else <c>$XDG_CONFIG_HOME/cairn/config.json</c>, else
/// <c>~/.config/cairn/config.json</c>. Written with owner-only permissions because it holds a key.
/// </summary>
public sealed record CliConfig(string? Url, string? Key)
{
    public static string PathOf()
    {
        var explicitPath = Environment.GetEnvironmentVariable("CAIRN_CONFIG");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : xdg;
        return Path.Combine(root, "cairn", "config.json");
    }

    public static CliConfig Load()
    {
        var path = PathOf();
        if (!File.Exists(path))
        {
            return new CliConfig(null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path)) ?? new CliConfig(null, null);
        }
        catch (JsonException)
        {
            return new CliConfig(null, null);
        }
    }

    public void Save()
    {
        var path = PathOf();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            JsonSerializer.Serialize(stream, this, new JsonSerializerOptions { WriteIndented = true });
        }

        // UnixCreateMode applies only to new files: tighten an existing one too, since it holds a key.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

using System.Diagnostics;

namespace Cairn.Server.Tests;

/// <summary>Starts the real <c>cairn server</c> as a child process (<c>dotnet cairn.dll server …</c>).</summary>
internal static class ServerProcess
{
    public static Process Start(string dataDirectory, int port, IReadOnlyDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CairnBinary.Path, "server", "--data-dir", dataDirectory, "--urls", $"http://127.0.0.1:{port}" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }
}

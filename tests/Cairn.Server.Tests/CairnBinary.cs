namespace Cairn.Server.Tests;

/// <summary>The built <c>cairn.dll</c>, to start real server processes with <c>dotnet cairn.dll</c>.</summary>
internal static class CairnBinary
{
    public static string Path
    {
        get
        {
            var local = System.IO.Path.Combine(AppContext.BaseDirectory, "cairn.dll");
            if (File.Exists(local) && File.Exists(System.IO.Path.Combine(AppContext.BaseDirectory, "cairn.runtimeconfig.json")))
            {
                return local;
            }

            throw new FileNotFoundException($"cairn.dll with its runtimeconfig is not in {AppContext.BaseDirectory}");
        }
    }
}

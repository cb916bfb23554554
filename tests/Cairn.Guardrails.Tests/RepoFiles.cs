namespace Cairn.Guardrails.Tests;

/// <summary>Files of the repository the tests read (labelled sets, the shipped model), found from this source file.</summary>
internal static class RepoFiles
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root(), .. parts]);

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", ".."));
}

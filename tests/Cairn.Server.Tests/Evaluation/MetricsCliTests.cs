using System.Text.Json;
using Xunit;

namespace Cairn.Server.Tests.Evaluation;

/// <summary>
/// <c>cairn metrics compute</c> over files, with no server: sacreBLEU's own answers for the same files
/// (sacreBLEU 2.6.0: <c>sacrebleu r1.txt r2.txt -i h.txt -m bleu chrf ter -b</c> gives BLEU 94.20, chrF 92.74 and TER 17.39).
/// </summary>
public sealed class MetricsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cairn-metrics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Compute_reads_line_files_and_several_reference_files()
    {
        var h = Write("h.txt", "The cat sat on the mat.\nIt cost $3,000.50 in 2019.\n");
        var r1 = Write("r1.txt", "The cat is on the mat.\nIt cost $3,000.50 in 2019!\n");
        var r2 = Write("r2.txt", "A cat sat on the mat.\nThe cost was $3,000.50 in 2019.\n");
        var (code, output, error) = await CliRunner.RunAsync("metrics", "compute", "bleu", "-p", h, "-r", r1, r2);
        Assert.True(code == 0, error);
        var bleu = JsonDocument.Parse(output).RootElement;
        Assert.Equal(94.20, Math.Round(bleu.GetProperty("score").GetDouble(), 2));
        Assert.Equal("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", bleu.GetProperty("signature").GetString());
        (code, output, _) = await CliRunner.RunAsync("metrics", "compute", "chrf", "-p", h, "-r", r1, r2, "--score-only");
        Assert.Equal(92.74, Math.Round(double.Parse(output, System.Globalization.CultureInfo.InvariantCulture), 2));
        (code, output, _) = await CliRunner.RunAsync("metrics", "compute", "ter", "-p", h, "-r", r1, r2, "--score-only");
        Assert.Equal(17.39, Math.Round(double.Parse(output, System.Globalization.CultureInfo.InvariantCulture), 2));
    }

    [Fact]
    public async Task Compute_takes_labels_and_scores_and_refuses_bad_options()
    {
        var labels = Write("y.txt", "0\n1\n1\n0\n");
        var scores = Write("s.txt", "0.1\n0.8\n0.35\n0.4\n");
        var (code, output, error) = await CliRunner.RunAsync("metrics", "compute", "roc_auc", "-l", labels, "-s", scores, "--score-only");
        Assert.True(code == 0, error);
        Assert.Equal("0.75", output.Trim()); // hand count: of the 4 positive/negative pairs, 3 are ranked right
        (code, _, error) = await CliRunner.RunAsync("metrics", "compute", "roc_auc", "-l", labels, "-s", scores, "-o", "average=median");
        Assert.Equal(2, code);
        Assert.Contains("options.average", error, StringComparison.Ordinal);
    }
}

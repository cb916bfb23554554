using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cairn.Onnx;

// Usage: RunFloor <model.onnx> <expected.json>
// Times OnnxSession.Run on the first recorded row: 20 rounds of 10,000 calls after a warm-up, and prints the
// median, fastest and slowest round's mean microseconds per call, plus the p50 and p99 of single timed calls.
var session = OnnxRuntime.Load().CreateSession(File.ReadAllBytes(args[0]));
using var expected = JsonDocument.Parse(File.ReadAllBytes(args[1]));
var row = expected.RootElement.GetProperty("inputs")[0].EnumerateArray().Select(v => v.GetSingle()).ToArray();
var input = session.Inputs[0];
IReadOnlyList<OnnxTensor> inputs = [OnnxTensor.Of(input.Name, row, 1, row.Length)];
for (var i = 0; i < 20_000; i++)
{
    session.Run(inputs);
}

var rounds = new List<double>();
for (var r = 0; r < 20; r++)
{
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < 10_000; i++)
    {
        session.Run(inputs);
    }

    rounds.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / 10_000);
}

var single = new double[50_000];
for (var i = 0; i < single.Length; i++)
{
    var started = Stopwatch.GetTimestamp();
    session.Run(inputs);
    single[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}

rounds.Sort();
Array.Sort(single);
var c = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(c, $"run_mean_us_median={rounds[10]:0.00} run_mean_us_min={rounds[0]:0.00} run_mean_us_max={rounds[^1]:0.00} run_p50_us={single[single.Length / 2]:0.00} run_p99_us={single[(int)(single.Length * 0.99)]:0.00}"));

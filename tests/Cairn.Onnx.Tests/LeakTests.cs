using Xunit;

namespace Cairn.Onnx.Tests;

/// <summary>Many loads and inferences leave the process's resident memory flat: every native object is released.</summary>
public sealed class LeakTests
{
    [Fact]
    public void ManyLoadsAndInferences_KeepResidentMemoryFlat()
    {
        var model = Models.Bytes("sklearn/digits_mlp.onnx");
        var expected = Models.Expectations("digits_mlp");
        var input = OnnxTensor.Of("input", expected.Flat, expected.Rows.Length, 64);
        string[] text = Enumerable.Range(0, 64).Select(i => new string('x', 200 + i)).ToArray();
        var types = Models.Bytes("test/all_types.onnx");

        void Round(int loads, int runs)
        {
            for (var l = 0; l < loads; l++)
            {
                using var session = Models.Runtime.CreateSession(model);
                for (var r = 0; r < runs; r++)
                {
                    Assert.Equal(expected.Labels[0], session.Run([input])[0].As<long>()[0]);
                }
            }

            using var strings = Models.Runtime.CreateSession(types);
            for (var r = 0; r < runs * 2; r++)
            {
                _ = strings.Run([
                    OnnxTensor.Of("f32", new float[64], 32, 2), OnnxTensor.Of("f64", new double[64], 32, 2), OnnxTensor.Of("i32", new int[64], 32, 2),
                    OnnxTensor.Of("i64", new long[64], 32, 2), OnnxTensor.Of("flag", new bool[64], 32, 2), OnnxTensor.Of("text", text, 32, 2)]);
            }
        }

        Round(40, 100); // warm up: arenas, thread pools, JIT
        var before = ResidentBytes();
        Round(200, 100); // 200 loads, 20,000 inferences of 60 rows, 40,000 string round trips
        var after = ResidentBytes();

        // Leaking one session per load, or the outputs of each run (~2.9 KB), would add well over 50 MB.
        Assert.True(after - before < 25 * 1024 * 1024, $"resident memory grew by {(after - before) / 1024 / 1024.0:F1} MB");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

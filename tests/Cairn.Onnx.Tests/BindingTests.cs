using Xunit;

namespace Cairn.Onnx.Tests;

/// <summary>
/// One test per binding of the C API. The expected values come from scikit-learn (recorded by
/// models/generate.py) or from the arithmetic the test graph performs, never from this binding.
/// </summary>
public sealed class BindingTests
{
    [Fact]
    public void Load_FindsTheLibrary_AndReportsItsVersion()
    {
        var runtime = OnnxRuntime.TryLoad(out var problem);
        Assert.True(runtime is not null, problem);
        Assert.Equal("1.30.0", runtime.Version);
        Assert.Same(runtime, OnnxRuntime.Load());
    }

    [Fact]
    public void InputsAndOutputs_HaveNamesTypesShapesAndSymbolicDimensions()
    {
        using var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/breast_cancer_logreg.onnx"));
        var input = Assert.Single(session.Inputs);
        Assert.Equal(("input", OnnxValueKind.Tensor, TensorElementType.Float), (input.Name, input.Kind, input.ElementType));
        Assert.Equal([-1L, 30], input.Dimensions);
        Assert.Equal(["batch", ""], input.SymbolicDimensions);
        Assert.True(input.HasBatchDimension);
        Assert.Equal(["label", "probabilities"], session.Outputs.Select(o => o.Name));
        Assert.Equal(TensorElementType.Int64, session.Outputs[0].ElementType);
        Assert.Equal([-1L], session.Outputs[0].Dimensions);
        Assert.Equal(TensorElementType.Float, session.Outputs[1].ElementType);
        Assert.Equal([-1L, 2], session.Outputs[1].Dimensions);
    }

    [Fact]
    public void ModelMetadata_IsReadFromTheModel()
    {
        using var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/iris_linear.onnx"));
        var meta = session.Metadata;
        Assert.Equal("cairn-models-generate", meta.ProducerName);
        Assert.Equal("iris_linear", meta.GraphName);
        Assert.Equal("", meta.Domain);
        Assert.StartsWith("LogisticRegression (multinomial) on scikit-learn's iris data", meta.Description, StringComparison.Ordinal);
        Assert.Equal(1, meta.Version);
        Assert.Equal("iris", meta.Custom["dataset"]);
        Assert.Equal("scikit-learn", meta.Custom["framework"]);
    }

    [Theory]
    [InlineData("breast_cancer_logreg", 30)]
    [InlineData("iris_linear", 4)]
    [InlineData("digits_mlp", 64)]
    public void ScikitLearnModels_PredictWhatScikitLearnPredicted(string name, int features)
    {
        var expected = Models.Expectations(name);
        using var session = Models.Runtime.CreateSession(Models.Bytes($"sklearn/{name}.onnx"));
        var outputs = session.Run([OnnxTensor.Of("input", expected.Flat, expected.Rows.Length, features)]);
        Assert.Equal(expected.Labels, outputs[0].As<long>());
        Assert.Equal([expected.Rows.Length], outputs[0].Shape);
        var probabilities = outputs[1].As<float>();
        var classes = expected.Probabilities[0].Length;
        Assert.Equal([expected.Rows.Length, (long)classes], outputs[1].Shape);
        for (var r = 0; r < expected.Rows.Length; r++)
        {
            for (var c = 0; c < classes; c++)
            {
                Assert.Equal(expected.Probabilities[r][c], probabilities[r * classes + c], 1e-5);
            }
        }
    }

    [Fact]
    public void EveryElementType_RoundTrips_IncludingStrings()
    {
        using var session = Models.Runtime.CreateSession(Models.Bytes("test/all_types.onnx"));
        string[] text = ["", "plain", "naïve café", "日本語 🎉"];
        var outputs = session.Run(
        [
            OnnxTensor.Of("f32", [1.5f, -2f, 0f, 3.25f], 2, 2),
            OnnxTensor.Of("f64", [1e-300, -2.5, 1e300, 0.1], 2, 2),
            OnnxTensor.Of("i32", [int.MinValue, -1, 0, int.MaxValue], 2, 2),
            OnnxTensor.Of("i64", [long.MinValue, -1L, 0L, long.MaxValue], 2, 2),
            OnnxTensor.Of("flag", [true, false, false, true], 2, 2),
            OnnxTensor.Of("text", text, 2, 2),
        ]);
        Assert.Equal(["f32_out", "f64_out", "i32_out", "i64_out", "flag_out", "text_out"], outputs.Select(o => o.Name));
        Assert.Equal([3f, -4f, 0f, 6.5f], outputs[0].As<float>());
        Assert.Equal([2e-300, -5.0, 2e300, 0.2], outputs[1].As<double>());
        Assert.Equal([int.MinValue, -1, 0, int.MaxValue], outputs[2].As<int>());
        Assert.Equal([long.MinValue, -1L, 0L, long.MaxValue], outputs[3].As<long>());
        Assert.Equal([false, true, true, false], outputs[4].As<bool>());
        Assert.Equal(text, outputs[5].As<string>());
        Assert.All(outputs, o => Assert.Equal([2L, 2], o.Shape));
    }

    [Fact]
    public void OutputSelection_ReturnsOnlyTheNamedOutputs_InTheGivenOrder()
    {
        var expected = Models.Expectations("iris_linear");
        using var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/iris_linear.onnx"));
        var outputs = session.Run([OnnxTensor.Of("input", expected.Rows[0], 1, 4)], ["probabilities"]);
        Assert.Equal("probabilities", Assert.Single(outputs).Name);
        Assert.Throws<ArgumentException>(() => session.Run([OnnxTensor.Of("input", expected.Rows[0], 1, 4)], ["nope"]));
        Assert.Throws<ArgumentException>(() => session.Run([OnnxTensor.Of("x", expected.Rows[0], 1, 4)]));
    }

    [Theory]
    [InlineData(GraphOptimization.None, 1, 1, false, false)]
    [InlineData(GraphOptimization.Basic, 2, 1, true, false)]
    [InlineData(GraphOptimization.Extended, 0, 2, false, true)]
    [InlineData(GraphOptimization.All, 1, 0, true, true)]
    public void SessionOptions_AreAccepted_AndTheModelStillAnswersTheSame(GraphOptimization level, int intra, int inter, bool parallel, bool spinning)
    {
        var expected = Models.Expectations("digits_mlp");
        var options = new OnnxSessionOptions { Optimization = level, IntraOpThreads = intra, InterOpThreads = inter, ParallelExecution = parallel, AllowSpinning = spinning };
        using var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/digits_mlp.onnx"), options);
        Assert.Equal(expected.Labels, session.Run([OnnxTensor.Of("input", expected.Flat, expected.Rows.Length, 64)])[0].As<long>());
    }

    [Fact]
    public void ACorruptModel_IsAnOnnxRuntimeError_NotACrash()
    {
        var bytes = Models.Bytes("sklearn/breast_cancer_logreg.onnx");
        var corrupt = bytes[..(bytes.Length / 2)].Concat(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f }).ToArray();
        var error = Assert.Throws<OnnxRuntimeException>(() => Models.Runtime.CreateSession(corrupt));
        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
        Assert.Throws<OnnxRuntimeException>(() => Models.Runtime.CreateSession("not a model"u8));
    }

    [Fact]
    public void AWrongInputType_IsAnOnnxRuntimeError_AndTheSessionKeepsWorking()
    {
        using var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/iris_linear.onnx"));
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([OnnxTensor.Of("input", new double[4], 1, 4)]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
        Assert.Contains("input", error.RuntimeMessage, StringComparison.Ordinal);
        var wrongShape = Assert.Throws<OnnxRuntimeException>(() => session.Run([OnnxTensor.Of("input", new float[6], 2, 3)]));
        Assert.Equal(OrtErrorCode.InvalidArgument, wrongShape.Code);
        var expected = Models.Expectations("iris_linear");
        Assert.Equal(expected.Labels[0], session.Run([OnnxTensor.Of("input", expected.Rows[0], 1, 4)])[0].As<long>()[0]);
    }

    [Fact]
    public async Task Cancellation_TerminatesTheNativeRun()
    {
        using var session = Models.Runtime.CreateSession(Models.Bytes("test/slow_chain.onnx"));
        var identity = new float[1024 * 1024];
        for (var i = 0; i < 1024; i++)
        {
            identity[i * 1024 + i] = 1;
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var run = Task.Run(() => session.Run([OnnxTensor.Of("a", identity, 1024, 1024), OnnxTensor.Of("w", identity, 1024, 1024)], null, cancel.Token));

        // Had the run finished, it would have returned the identity; a terminated run throws instead.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        using var already = new CancellationTokenSource();
        await already.CancelAsync();
        Assert.ThrowsAny<OperationCanceledException>(() => session.Run([OnnxTensor.Of("a", identity, 1024, 1024), OnnxTensor.Of("w", identity, 1024, 1024)], null, already.Token));
    }

    [Fact]
    public void ConcurrentRuns_OnOneSession_AllGetTheirOwnAnswers()
    {
        var expected = Models.Expectations("breast_cancer_logreg");
        using var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/breast_cancer_logreg.onnx"));
        var failures = 0;
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var row = i % expected.Rows.Length;
            var label = session.Run([OnnxTensor.Of("input", expected.Rows[row], 1, 30)])[0].As<long>()[0];
            if (label != expected.Labels[row])
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void ADisposedSession_RefusesToRun()
    {
        var session = Models.Runtime.CreateSession(Models.Bytes("sklearn/iris_linear.onnx"));
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.Run([OnnxTensor.Of("input", new float[4], 1, 4)]));
    }

    [Fact]
    public void TensorShapes_MustMatchTheirData()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.Of("x", new float[5], 2, 3));
        Assert.Throws<ArgumentException>(() => OnnxTensor.Of("x", new float[0], -1));
        Assert.Throws<ArgumentException>(() => new OnnxTensor("x", TensorElementType.Float, [1], new double[1]));
    }
}

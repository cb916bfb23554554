namespace Cairn.Onnx;

/// <summary>How much ONNX Runtime rewrites the graph before running it (<c>GraphOptimizationLevel</c>).</summary>
public enum GraphOptimization
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

/// <summary>
/// Session settings. The defaults suit small models served to many concurrent callers: one intra-op
/// thread and no spinning, so concurrency comes from callers running the shared session in parallel
/// rather than from threads that busy-wait between tiny operators.
/// </summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads across independent operators (parallel execution mode only); 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Run independent branches of the graph in parallel.</summary>
    public bool ParallelExecution { get; init; }

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    /// <summary>Whether idle pool threads busy-wait for work (<c>session.intra_op.allow_spinning</c>).</summary>
    public bool AllowSpinning { get; init; }
}

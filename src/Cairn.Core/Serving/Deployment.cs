namespace Cairn.Core.Serving;

/// <summary>A named model served by a project: a registry version pinned by number, and how it is served.</summary>
/// <param name="Name">Unique in the project; the path segment of the inference routes.</param>
/// <param name="ModelName">Registered model.</param>
/// <param name="ModelVersion">Version number, fixed when the deployment is created.</param>
/// <param name="ModelFile">The ONNX file inside the version.</param>
/// <param name="Settings">Limits and batching.</param>
/// <param name="CreatedBy">Principal.</param>
/// <param name="CreatedAt">Unix milliseconds.</param>
/// <param name="UpdatedAt">Unix milliseconds.</param>
public sealed record Deployment(
    string Name, string ModelName, long ModelVersion, string ModelFile, DeploymentSettings Settings, string CreatedBy, long CreatedAt, long UpdatedAt);

/// <summary>How one deployment is served. Every limit answers with a 4xx naming it when exceeded.</summary>
public sealed record DeploymentSettings
{
    /// <summary>Most rows (first dimension) in one request.</summary>
    public int MaxRows { get; init; } = 10_000;

    /// <summary>Largest request body, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary><c>reject</c> (default) refuses NaN and infinities in floating-point inputs; <c>allow</c> passes them on.</summary>
    public string NanPolicy { get; init; } = "reject";

    /// <summary>A request's run is terminated after this many milliseconds (504).</summary>
    public int TimeoutMs { get; init; } = 10_000;

    /// <summary>Runs in flight at once; more wait in the queue.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>Requests waiting for a run slot; beyond this, 429 with Retry-After.</summary>
    public int MaxQueue { get; init; } = 256;

    /// <summary>Rows stacked into one run by dynamic batching; 0 or 1 turns batching off.</summary>
    public int MaxBatchSize { get; init; }

    /// <summary>How long a batch waits to fill, in milliseconds.</summary>
    public double MaxQueueDelayMs { get; init; } = 2;

    /// <summary><c>tensor</c> (default): the ONNX file's own inputs and outputs. <c>ocr</c>: the file is a CTC text recogniser; image in, text out.</summary>
    public string Task { get; init; } = "tensor";

    /// <summary>For <c>ocr</c>: the recogniser's dictionary inside the version (one character per line); null picks the version's only <c>.txt</c> file.</summary>
    public string? OcrDictionary { get; init; }

    /// <summary>For <c>ocr</c>: a text detector (DBNet) inside the version; with one, images are pages of lines, without, single lines.</summary>
    public string? OcrDetector { get; init; }
}

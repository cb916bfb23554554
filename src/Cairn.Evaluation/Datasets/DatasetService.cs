using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cairn.Core.Errors;
using Cairn.Core.Evaluation;
using Cairn.Core.Storage;

namespace Cairn.Evaluation.Datasets;

/// <summary>
/// Evaluation datasets: a CSV or JSON-lines file uploaded under a name becomes an immutable version whose bytes
/// are a content-addressed blob; the same bytes again are the same version. The file is parsed and checked
/// before anything is written.
/// </summary>
public sealed partial class DatasetService(IEvaluationDatasetStore store, IArtifactStore blobs, Tracking.TrackingService tracking, Tracking.Artifacts.ArtifactService artifacts, TimeProvider time)
{
    public const long MaxBytes = 64L << 20;
    public const string NameRule = "must be 1-63 characters of a-z, 0-9, '-', '_' or '.', starting with a letter or digit";

    public async Task<EvaluationDataset> UploadAsync(long projectId, string principal, string? name, string? format, string? description, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var checkedName = CheckName(name);
        var checkedFormat = format?.ToLowerInvariant() switch
        {
            "csv" or "text/csv" => "csv",
            "jsonl" or "ndjson" or "application/jsonl" or "application/x-ndjson" or "application/json-lines" => "jsonl",
            null or "" => throw CairnException.Invalid("format", "is required: csv or jsonl"),
            _ => throw CairnException.Invalid("format", $"'{format}' is not one of csv, jsonl"),
        };
        if (content.LongLength > MaxBytes)
        {
            throw CairnException.Invalid("file", $"is {content.LongLength:N0} bytes; at most {MaxBytes:N0} are accepted");
        }

        if (description is { Length: > 2000 })
        {
            throw CairnException.Invalid("description", "is longer than 2,000 characters");
        }

        if (description is not null && description.Contains('\0', StringComparison.Ordinal))
        {
            throw CairnException.Invalid("description", "cannot hold the NUL character");
        }

        var table = DatasetTable.Parse(content, checkedFormat);
        using var stream = new MemoryStream(content, writable: false);
        var blob = await blobs.PutAsync(stream, MaxBytes, ct).ConfigureAwait(false);
        var dataset = new EvaluationDataset(checkedName, 0, blob.Sha256, checkedFormat, table.Count, table.Columns, content.LongLength, description ?? "",
            principal, time.GetUtcNow().ToUnixTimeMilliseconds());
        return await store.AddAsync(projectId, dataset, ct).ConfigureAwait(false);
    }

    /// <summary>Makes a dataset version of a run's artifact (a .csv or .jsonl file, or <paramref name="format"/>).</summary>
    public async Task<EvaluationDataset> FromArtifactAsync(long projectId, string principal, string? name, string? runId, string? path, string? format, string? description, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw CairnException.Invalid("path", "is required with run_id: the artifact's path inside the run");
        }

        var run = await tracking.GetRunAsync(projectId, runId, ct).ConfigureAwait(false);
        var target = new Tracking.Artifacts.ProxyPath(run.Info.ExperimentId, Core.Tracking.ArtifactOwner.Run(run.Info.RunId), Core.Storage.ArtifactPath.Normalize(path, "path"));
        var (entry, content) = await artifacts.OpenAsync(projectId, target, ct).ConfigureAwait(false);
        if (entry.Size > MaxBytes)
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw CairnException.Invalid("path", $"the artifact is {entry.Size:N0} bytes; at most {MaxBytes:N0} are accepted");
        }

        byte[] bytes;
        await using (content.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, ct).ConfigureAwait(false);
            bytes = copy.ToArray();
        }

        format ??= path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
            : path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? "jsonl" : null;
        return await UploadAsync(projectId, principal, name, format, description ?? $"from run {run.Info.RunId}: {path}", bytes, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<EvaluationDataset>> ListAsync(long projectId, CancellationToken ct) => store.ListAsync(projectId, ct);

    public async Task<EvaluationDataset> GetAsync(long projectId, string? name, long? version, CancellationToken ct) =>
        await store.GetAsync(projectId, CheckName(name), version, ct).ConfigureAwait(false)
        ?? throw CairnException.NotFound("dataset", version is null ? name! : $"{name} version {version}");

    /// <summary>A version's rows, after checking that its bytes still hash to its digest.</summary>
    public async Task<(EvaluationDataset Dataset, DatasetTable Table)> LoadAsync(long projectId, string? name, long? version, CancellationToken ct)
    {
        var dataset = await GetAsync(projectId, name, version, ct).ConfigureAwait(false);
        await using var stream = blobs.OpenRead(dataset.Digest)
            ?? throw new CairnException(ErrorKind.Unavailable, $"the file of dataset {dataset.Name} version {dataset.Version} is missing from the artifact store");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct).ConfigureAwait(false);
        var bytes = copy.ToArray();
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != dataset.Digest)
        {
            throw new CairnException(ErrorKind.Unavailable, $"the file of dataset {dataset.Name} version {dataset.Version} no longer matches its digest");
        }

        return (dataset, DatasetTable.Parse(bytes, dataset.Format));
    }

    public static string CheckName(string? name) =>
        name is not null && NamePattern().IsMatch(name) ? name : throw CairnException.Invalid("name", NameRule);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();
}

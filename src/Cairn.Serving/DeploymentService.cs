using System.Globalization;
using System.Text.RegularExpressions;
using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Core.Registry;
using Cairn.Core.Serving;
using Cairn.Core.Storage;
using Cairn.Onnx;
using Cairn.Registry;

namespace Cairn.Serving;

/// <summary>
/// Creates, lists and deletes deployments, and loads them: the registry version passes the load check
/// (manifest against digest, every file re-hashed, signature when the policy asks) before its ONNX file
/// is read, and the version records a <c>deployed_as</c> lineage edge.
/// </summary>
public sealed partial class DeploymentService(
    IDeploymentStore store, IRegistryGovernanceStore edges, RegistryService registry, LoadGuard guard, DeploymentHost host, ServingMetrics metrics, TimeProvider time)
{
    public const string NameRule = "must be 1-63 characters of a-z, 0-9, '-', '_' or '.', starting with a letter or digit";

    /// <summary>Creates a deployment of a registry version and loads it. A model that fails to load leaves the deployment not ready, with the reason.</summary>
    public async Task<ServedModel> CreateAsync(Caller caller, string? name, string? model, long? version, string? alias, string? file, DeploymentSettings? settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var checkedName = Name(name);
        var checkedSettings = Check(settings ?? new DeploymentSettings());
        var modelName = RegistryValidation.Name(model);
        var resolved = (version, alias) switch
        {
            (not null, null) => await registry.GetVersionAsync(caller.ProjectId, modelName, version.Value, ct).ConfigureAwait(false),
            (null, not null) => await registry.GetByAliasAsync(caller.ProjectId, modelName, alias, ct).ConfigureAwait(false),
            _ => throw CairnException.Invalid("version", "give exactly one of version and alias"),
        };
        var files = await registry.FilesAsync(caller.ProjectId, modelName, resolved.Version, ct).ConfigureAwait(false);
        var paths = files.Select(f => f.Path).ToList();
        var onnx = ChooseFile(paths, file);
        checkedSettings = OcrFiles(checkedSettings, paths, onnx);
        if (await store.GetAsync(caller.ProjectId, checkedName, ct).ConfigureAwait(false) is not null)
        {
            throw CairnException.AlreadyExists("deployment", checkedName);
        }

        await guard.EnsureLoadableAsync(caller, Target(checkedName), modelName, resolved.Version, rehash: true, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var deployment = new Deployment(checkedName, modelName, resolved.Version, onnx, checkedSettings, caller.Principal, now, now);
        await store.CreateAsync(caller.ProjectId, deployment, ct).ConfigureAwait(false);
        await edges.AddVersionEdgeAsync(caller.ProjectId, modelName, resolved.Version, LineageRelations.DeployedAs, LineageKinds.Deployment, checkedName, now, ct).ConfigureAwait(false);
        return await LoadAsync(caller, deployment, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the version's ONNX file through the load check and starts a session. Any failure becomes the
    /// deployment's problem (not ready), so one bad model never takes the server or its other deployments down.
    /// </summary>
    public async Task<ServedModel> LoadAsync(Caller caller, Deployment deployment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(deployment);
        ServedModel served;
        var runtime = OnnxRuntime.TryLoad(out var missing);
        if (runtime is null)
        {
            served = new ServedModel(caller.ProjectId, deployment, null, "ONNX Runtime is not available: " + missing);
        }
        else
        {
            try
            {
                var bytes = await ReadAsync(caller, deployment, deployment.ModelFile, ct).ConfigureAwait(false);
                IInferenceModel model = deployment.Settings.Task == "ocr"
                    ? await OcrAsync(caller, deployment, runtime, runtime.CreateSession(bytes), ct).ConfigureAwait(false)
                    : new OnnxModel(runtime.CreateSession(bytes));
                served = new ServedModel(caller.ProjectId, deployment, model, null, metrics);
            }
            catch (OnnxRuntimeException e)
            {
                served = new ServedModel(caller.ProjectId, deployment, null, $"the model could not be loaded ({e.Code}): {e.RuntimeMessage}");
            }
            catch (CairnException e)
            {
                served = new ServedModel(caller.ProjectId, deployment, null, e.Message);
            }
            catch (InvalidDataException e)
            {
                served = new ServedModel(caller.ProjectId, deployment, null, "the model does not fit its task: " + e.Message);
            }
            catch (IOException e)
            {
                served = new ServedModel(caller.ProjectId, deployment, null, "the model file could not be read: " + e.Message);
            }
        }

        host.Put(served);
        return served;
    }

    public async Task<IReadOnlyList<(Deployment Deployment, ServedModel? Served)>> ListAsync(long projectId, CancellationToken ct) =>
        (await store.ListAsync(projectId, ct).ConfigureAwait(false)).Select(d => (d, host.Find(projectId, d.Name))).ToList();

    /// <summary>The loaded deployment by name; 404 when the project has none.</summary>
    public ServedModel Get(long projectId, string? name) =>
        host.Find(projectId, name ?? string.Empty) ?? throw CairnException.NotFound("deployment", name ?? string.Empty);

    public async Task DeleteAsync(long projectId, string? name, CancellationToken ct)
    {
        var checkedName = Name(name);
        var deployment = await store.GetAsync(projectId, checkedName, ct).ConfigureAwait(false);
        if (deployment is null || !await store.DeleteAsync(projectId, checkedName, ct).ConfigureAwait(false))
        {
            throw CairnException.NotFound("deployment", checkedName);
        }

        host.Remove(projectId, checkedName);

        // The version is no longer deployed: retention may collect it again.
        await edges.RemoveVersionEdgeAsync(
            projectId, deployment.ModelName, deployment.ModelVersion, LineageRelations.DeployedAs, LineageKinds.Deployment, checkedName, CancellationToken.None).ConfigureAwait(false);
    }

    private static string Target(string deployment) => "deployment:" + deployment;

    /// <summary>One file of the deployment's version, read through the load check (digest and file hash verified).</summary>
    private async Task<byte[]> ReadAsync(Caller caller, Deployment deployment, string path, CancellationToken ct)
    {
        var (_, content) = await guard.OpenFileAsync(caller, Target(deployment.Name), deployment.ModelName, deployment.ModelVersion, path, ct).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    private async Task<IInferenceModel> OcrAsync(Caller caller, Deployment deployment, OnnxRuntime runtime, OnnxSession recognizer, CancellationToken ct)
    {
        OnnxSession? detector = null;
        try
        {
            var classes = recognizer.Outputs[0].Dimensions is [_, _, var c] && c > 0
                ? (int)c
                : throw new InvalidDataException($"a text recogniser answers [N, T, classes]; this one answers {OpenInference.Signature(recognizer.Outputs)}");
            var dictionary = System.Text.Encoding.UTF8.GetString(await ReadAsync(caller, deployment, deployment.Settings.OcrDictionary!, ct).ConfigureAwait(false));
            var vocabulary = Vision.CtcDecoder.FromDictionary(dictionary, classes);
            if (deployment.Settings.OcrDetector is { } detectorFile)
            {
                detector = runtime.CreateSession(await ReadAsync(caller, deployment, detectorFile, ct).ConfigureAwait(false));
            }

            return new Vision.OcrModel(recognizer, detector, vocabulary, new Vision.PngDecoder());
        }
        catch
        {
            recognizer.Dispose();
            detector?.Dispose();
            throw;
        }
    }

    /// <summary>For an OCR deployment, the dictionary (named, or the version's only .txt) and the optional detector must be files of the version.</summary>
    private static DeploymentSettings OcrFiles(DeploymentSettings settings, IReadOnlyList<string> paths, string recognizer)
    {
        if (settings.Task != "ocr")
        {
            return (settings.OcrDictionary, settings.OcrDetector) switch
            {
                (null, null) => settings,
                (not null, _) => throw CairnException.Invalid("settings.ocr_dictionary", "applies only when settings.task is 'ocr'"),
                _ => throw CairnException.Invalid("settings.ocr_detector", "applies only when settings.task is 'ocr'"),
            };
        }

        var texts = paths.Where(p => p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).ToList();
        var dictionary = settings.OcrDictionary ?? (texts.Count == 1
            ? texts[0]
            : throw CairnException.Invalid("settings.ocr_dictionary", $"name the recogniser's dictionary; the version has {texts.Count} .txt files ({string.Join(", ", texts)})"));
        if (!paths.Contains(dictionary, StringComparer.Ordinal))
        {
            throw CairnException.Invalid("settings.ocr_dictionary", $"'{dictionary}' is not a file of the version (files: {string.Join(", ", paths)})");
        }

        if (settings.OcrDetector is { } detector
            && (detector == recognizer || !paths.Contains(detector, StringComparer.Ordinal) || !detector.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)))
        {
            throw CairnException.Invalid("settings.ocr_detector", $"'{detector}' must be another .onnx file of the version (files: {string.Join(", ", paths)})");
        }

        return settings with { OcrDictionary = dictionary };
    }

    private static string Name(string? name) =>
        name is not null && NamePattern().IsMatch(name) ? name : throw CairnException.Invalid("name", NameRule);

    private static string ChooseFile(IReadOnlyList<string> paths, string? file)
    {
        if (file is not null)
        {
            return paths.Contains(file, StringComparer.Ordinal) && file.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
                ? file
                : throw CairnException.Invalid("file", $"'{file}' is not an .onnx file of the version (files: {string.Join(", ", paths)})");
        }

        var candidates = paths.Where(p => p.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)).ToList();
        return candidates switch
        {
            [var only] => only,
            [] => throw CairnException.Invalid("model", $"the version holds no .onnx file (files: {string.Join(", ", paths)})"),
            _ => candidates.FirstOrDefault(p => p == "model.onnx" || p.EndsWith("/model.onnx", StringComparison.Ordinal))
                ?? throw CairnException.Invalid("file", $"the version holds several .onnx files; name one of: {string.Join(", ", candidates)}"),
        };
    }

    private static DeploymentSettings Check(DeploymentSettings s)
    {
        static void Range(string field, double value, double min, double max)
        {
            if (value < min || value > max || double.IsNaN(value))
            {
                throw CairnException.Invalid(field, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        Range("settings.max_rows", s.MaxRows, 1, 1_000_000);
        Range("settings.max_body_bytes", s.MaxBodyBytes, 1024, 1L << 30);
        Range("settings.timeout_ms", s.TimeoutMs, 1, 600_000);
        Range("settings.max_concurrency", s.MaxConcurrency, 1, 4096);
        Range("settings.max_queue", s.MaxQueue, 0, 100_000);
        Range("settings.max_batch_size", s.MaxBatchSize, 0, 4096);
        Range("settings.max_queue_delay_ms", s.MaxQueueDelayMs, 0, 1000);
        if (s.Task is not ("tensor" or "ocr"))
        {
            throw CairnException.Invalid("settings.task", "must be 'tensor' or 'ocr'");
        }

        return s.NanPolicy is "reject" or "allow" ? s : throw CairnException.Invalid("settings.nan_policy", "must be 'reject' or 'allow'");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();
}

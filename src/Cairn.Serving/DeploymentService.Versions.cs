using Cairn.Core.Access;
using Cairn.Core.Errors;
using Cairn.Onnx;

namespace Cairn.Serving;

public sealed partial class DeploymentService
{
    /// <summary>
    /// Opens a registry version's ONNX model in process, outside any deployment (for evaluation): the version
    /// passes the same load check (digest re-hashed, signature and policy) as a deployment. The caller disposes it.
    /// </summary>
    public async Task<(IInferenceModel Model, long Version, string File)> OpenVersionAsync(
        Caller caller, string? model, long? version, string? alias, string? file, string target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var modelName = Registry.RegistryValidation.Name(model);
        var resolved = (version, alias) switch
        {
            (not null, null) => await registry.GetVersionAsync(caller.ProjectId, modelName, version.Value, ct).ConfigureAwait(false),
            (null, not null) => await registry.GetByAliasAsync(caller.ProjectId, modelName, alias, ct).ConfigureAwait(false),
            _ => throw CairnException.Invalid("version", "give exactly one of version and alias"),
        };
        var files = await registry.FilesAsync(caller.ProjectId, modelName, resolved.Version, ct).ConfigureAwait(false);
        var onnx = ChooseFile(files.Select(f => f.Path).ToList(), file);
        await guard.EnsureLoadableAsync(caller, target, modelName, resolved.Version, rehash: true, ct).ConfigureAwait(false);
        var runtime = OnnxRuntime.TryLoad(out var missing)
            ?? throw new CairnException(ErrorKind.Unavailable, "ONNX Runtime is not available: " + missing);
        var (_, content) = await guard.OpenFileAsync(caller, target, modelName, resolved.Version, onnx, ct).ConfigureAwait(false);
        byte[] bytes;
        await using (content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        try
        {
            return (new OnnxModel(runtime.CreateSession(bytes)), resolved.Version, onnx);
        }
        catch (OnnxRuntimeException e)
        {
            throw CairnException.Invalid("model", $"version {resolved.Version} could not be loaded ({e.Code}): {e.RuntimeMessage}");
        }
    }
}

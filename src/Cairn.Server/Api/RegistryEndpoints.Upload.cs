using System.Globalization;
using Cairn.Client.Contracts;
using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Governance.Access;
using Cairn.Governance.Audit;
using Cairn.Registry;
using Cairn.Tracking.Artifacts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cairn.Server.Api;

public static partial class RegistryEndpoints
{
    /// <summary>
    /// <c>POST /api/v1/models/{name}/versions/upload?description=…&amp;tag=key=value</c> with a zip, tar or tar.gz
    /// package as the body: the uploaded-package source of a version. The body is buffered to a temporary
    /// file (the archive formats need to seek), up to the artifact upload limit.
    /// </summary>
    public static async Task<Created<ModelVersionDto>> UploadVersion(
        string name, [FromQuery] string? description, [FromQuery] string[]? tag, HttpContext http, RegistryService registry, ArtifactService artifacts, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = artifacts.MaxArtifactBytes;
        }

        var tags = (tag ?? []).Select(t =>
        {
            var equals = t.IndexOf('=', StringComparison.Ordinal);
            return equals <= 0 ? throw CairnException.Invalid("tag", $"'{t}' must be key=value") : new KeyValue(t[..equals], t[(equals + 1)..]);
        }).ToList();

        var buffer = new FileStream(
            Path.Combine(Path.GetTempPath(), "cairn-package-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (buffer.ConfigureAwait(false))
        {
            await http.Request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            if (buffer.Length == 0)
            {
                throw CairnException.Invalid("package", "the request body is empty; send the archive as the body");
            }

            buffer.Position = 0;
            var v = await registry.UploadVersionAsync(Project(http), name, buffer, tags, description, http.GetCaller().Principal, ct).ConfigureAwait(false);
            http.SetAuditDetail($"{v.Name} version {v.Version.ToString(CultureInfo.InvariantCulture)} from {v.Source}, digest {v.Digest}");
            return TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(v.Name)}/versions/{v.Version.ToString(CultureInfo.InvariantCulture)}", v.ToDto());
        }
    }
}

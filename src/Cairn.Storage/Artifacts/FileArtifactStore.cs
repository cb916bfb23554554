using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Microsoft.Extensions.Options;

namespace Cairn.Storage.Artifacts;

/// <summary>
/// Blobs under <c>&lt;data&gt;/blobs/sha256/ab/cd/&lt;digest&gt;</c>. Content streams through a hash into a
/// temporary file, is flushed to disk, then renamed into place: a blob is either whole or absent.
/// </summary>
public sealed class FileArtifactStore : IArtifactStore
{
    private const int BufferSize = 1 << 16;
    private readonly string _root;
    private readonly string _temp;

    public FileArtifactStore(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "blobs", "sha256"));
        _temp = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "blobs", "tmp"));
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_temp);
    }

    public async Task<BlobRef> PutAsync(Stream content, long? maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tempPath = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        try
        {
            string digest;
            long size = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw CairnException.Invalid("content", $"must be at most {maxBytes} bytes");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }

                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                digest = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var target = PathOf(digest);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(tempPath);
            }
            else
            {
                File.Move(tempPath, target, overwrite: true);
            }

            return new BlobRef(digest, size);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true)
            : null;
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public bool Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private string PathOf(string sha256)
    {
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw CairnException.Invalid("digest", "must be 64 lowercase hex characters (SHA-256)");
        }

        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }
}

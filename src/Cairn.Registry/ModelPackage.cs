using System.Formats.Tar;
using System.IO.Compression;
using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Registry;

/// <summary>
/// Reads an uploaded model package: a zip, tar or gzip-compressed tar, told apart by its first bytes.
/// Only regular files are taken. Each path must pass <see cref="ArtifactPath.Normalize"/>, so no entry
/// can name a place outside the version (zip-slip: <c>../</c>, absolute paths, drive letters,
/// backslashes, encoded dots). Links, devices and duplicate paths are refused, and so are more than
/// <see cref="MaxFiles"/> files or more than the upload limit once unpacked (a decompression bomb).
/// </summary>
public static class ModelPackage
{
    public const int MaxFiles = 10_000;

    public const string Rule = "must be a zip, tar or tar.gz archive of regular files with relative paths";

    /// <summary>
    /// Calls <paramref name="take"/> with each file's normalised path, content and declared length, in archive order;
    /// <paramref name="take"/> must read no more than the declared length.
    /// </summary>
    public static async Task ReadAsync(Stream package, long maxUnpackedBytes, Func<string, Stream, long, Task> take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(take);
        var head = new byte[262];
        var read = await package.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        package.Position = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var budget = new Budget(maxUnpackedBytes);
        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
        {
            await ReadZipAsync(package, seen, budget, take, ct).ConfigureAwait(false);
        }
        else if (read >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            await using var gzip = new GZipStream(package, CompressionMode.Decompress, leaveOpen: true);
            await ReadTarAsync(gzip, seen, budget, take, ct).ConfigureAwait(false);
        }
        else if (read >= 262 && head.AsSpan(257, 5).SequenceEqual("ustar"u8))
        {
            await ReadTarAsync(package, seen, budget, take, ct).ConfigureAwait(false);
        }
        else
        {
            throw CairnException.Invalid("package", Rule + "; this body is none of them");
        }

        if (seen.Count == 0)
        {
            throw CairnException.Invalid("package", "holds no file; a version needs at least one");
        }
    }

    private static async Task ReadZipAsync(Stream package, HashSet<string> seen, Budget budget, Func<string, Stream, long, Task> take, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw CairnException.Invalid("package", $"is not a readable zip archive ({e.Message})");
        }

        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') && entry.Length == 0)
                {
                    continue; // a directory
                }

                // Unix file type in the high bits of the external attributes: only regular files (or none recorded).
                var type = (entry.ExternalAttributes >> 16) & 0xF000;
                if (type != 0 && type != 0x8000)
                {
                    throw CairnException.Invalid("package", $"entry '{Show(entry.FullName)}' is not a regular file (links and devices are refused)");
                }

                var path = Admit(entry.FullName, entry.Length, seen, budget);
                try
                {
                    await using var content = entry.Open();
                    await take(path, content, entry.Length).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw CairnException.Invalid("package", $"entry '{path}' cannot be read ({e.Message})");
                }
            }
        }
    }

    private static async Task ReadTarAsync(Stream tar, HashSet<string> seen, Budget budget, Func<string, Stream, long, Task> take, CancellationToken ct)
    {
        var reader = new TarReader(tar, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
                {
                    throw CairnException.Invalid("package", $"is not a readable tar archive ({e.Message})");
                }

                if (entry is null)
                {
                    break;
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                    case TarEntryType.GlobalExtendedAttributes:
                    case TarEntryType.ExtendedAttributes:
                        continue;
                    case TarEntryType.RegularFile:
                    case TarEntryType.V7RegularFile:
                    case TarEntryType.ContiguousFile:
                        var path = Admit(entry.Name, entry.Length, seen, budget);
                        await take(path, entry.DataStream ?? Stream.Null, entry.Length).ConfigureAwait(false);
                        break;
                    default:
                        throw CairnException.Invalid("package", $"entry '{Show(entry.Name)}' is a {entry.EntryType}, not a regular file (links and devices are refused)");
                }
            }
        }
    }

    private static string Admit(string name, long length, HashSet<string> seen, Budget budget)
    {
        var trimmed = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        string path;
        try
        {
            path = ArtifactPath.Normalize(trimmed, "package");
        }
        catch (CairnException e)
        {
            throw CairnException.Invalid("package", $"entry '{Show(name)}' is refused: its path {e.Message.Replace("package: ", string.Empty, StringComparison.Ordinal)}");
        }

        if (!seen.Add(path))
        {
            throw CairnException.Invalid("package", $"entry '{path}' appears twice");
        }

        if (seen.Count > MaxFiles)
        {
            throw CairnException.Invalid("package", $"holds more than {MaxFiles} files");
        }

        budget.Spend(length);
        return path;
    }

    private static string Show(string name) => name.Length <= 200 ? name : name[..200] + "…";

    private sealed class Budget(long max)
    {
        private long _spent;

        public void Spend(long bytes)
        {
            _spent += bytes;
            if (bytes < 0 || _spent > max)
            {
                throw CairnException.Invalid("package", $"unpacks to more than {max} bytes, the upload limit");
            }
        }
    }
}

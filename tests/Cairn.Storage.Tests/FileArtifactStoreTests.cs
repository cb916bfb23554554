using System.Text;
using Cairn.Core.Errors;
using Cairn.Storage.Artifacts;
using Cairn.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Cairn.Storage.Tests;

public sealed class FileArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly FileArtifactStore _store;

    public FileArtifactStoreTests() => _store = new FileArtifactStore(Options.Create(new StorageOptions { DataDirectory = _data.Path }));

    public void Dispose() => _data.Dispose();

    // SHA-256 test vectors from FIPS 180-2 (appendix B) and NIST's example values.
    [Theory]
    [InlineData("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("a", 1_000_000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")]
    public async Task Put_Content_IsNamedByItsSha256(string unit, int repeat, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(unit, Math.Max(repeat, 0))));
        var blob = await _store.PutAsync(new MemoryStream(bytes), null, CancellationToken.None);
        Assert.Equal(expected, blob.Sha256);
        Assert.Equal(bytes.Length, blob.Size);
        await using var read = _store.OpenRead(expected)!;
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Put_SameContentTwice_StoresOneBlob()
    {
        var a = await _store.PutAsync(new MemoryStream("same"u8.ToArray()), null, CancellationToken.None);
        var b = await _store.PutAsync(new MemoryStream("same"u8.ToArray()), null, CancellationToken.None);
        Assert.Equal(a, b);
        Assert.Single(Directory.GetFiles(Path.Combine(_data.Path, "blobs", "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Put_OverLimit_RefusesAndLeavesNothingBehind()
    {
        var e = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(new MemoryStream(new byte[5000]), 4096, CancellationToken.None));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Path, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85/")]
    public void OpenRead_DigestThatIsNotLowercaseSha256Hex_IsRefused(string digest)
    {
        Assert.Throws<CairnException>(() => _store.OpenRead(digest));
    }

    [Fact]
    public async Task Delete_ExistingBlob_RemovesItOnce()
    {
        var blob = await _store.PutAsync(new MemoryStream("x"u8.ToArray()), null, CancellationToken.None);
        Assert.True(_store.Delete(blob.Sha256));
        Assert.False(_store.Exists(blob.Sha256));
        Assert.False(_store.Delete(blob.Sha256));
        Assert.Null(_store.OpenRead(blob.Sha256));
    }
}

using Cairn.Core.Storage;
using Cairn.Core.Errors;
using Cairn.Storage.Artifacts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Storage.Tests;

public sealed class ArtifactPathTests
{
    [Theory]
    [InlineData("model.onnx", "model.onnx")]
    [InlineData("a/b/c.txt", "a/b/c.txt")]
    [InlineData("a//b/", "a/b")]
    [InlineData("plots/loss curve.png", "plots/loss curve.png")]
    [InlineData("données/模型.json", "données/模型.json")]
    [InlineData("plots/\U0001F4C8 loss.png", "plots/\U0001F4C8 loss.png")]
    [InlineData("cafe\u0301/decomposed.txt", "cafe\u0301/decomposed.txt")]
    public void Normalize_SafeRelativePath_IsKept(string path, string expected) => Assert.Equal(expected, ArtifactPath.Normalize(path));

    [Theory]
    [InlineData("../secret")]
    [InlineData("a/../../secret")]
    [InlineData("a/..")]
    [InlineData("./a")]
    [InlineData("/etc/passwd")]
    [InlineData("//server/share")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("c:evil")]
    [InlineData("a\\..\\..\\secret")]
    [InlineData("..\\secret")]
    [InlineData("%2e%2e/secret")]
    [InlineData("%2E%2E%2Fsecret")]
    [InlineData("%252e%252e/secret")]
    [InlineData("..%2fsecret")]
    [InlineData("a%00b")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("a/ /b")]
    [InlineData("a/b.")]
    [InlineData("...")]
    public void Normalize_EscapingOrAmbiguousPath_IsRefusedNamingTheField(string path)
    {
        var e = Assert.Throws<CairnException>(() => ArtifactPath.Normalize(path, "artifact_path"));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Equal("artifact_path", e.Field);
    }

    [Fact]
    public void Normalize_LoneSurrogate_IsRefusedNotACrash()
    {
        // Built here: xUnit's theory data would turn a lone surrogate into U+FFFD before the test saw it.
        foreach (var path in new[] { "a" + (char)0xD800 + "b", "a/" + (char)0xDC00, (char)0xDBFF + "x" })
        {
            var e = Assert.Throws<CairnException>(() => ArtifactPath.Normalize(path));
            Assert.Contains("unpaired surrogate", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Normalize_TooLong_IsRefused()
    {
        Assert.Throws<CairnException>(() => ArtifactPath.Normalize(string.Join('/', Enumerable.Repeat("abcdefghij", 120))));
    }

    [Fact]
    public void Resolve_PathInsideRoot_ReturnsFileUnderRoot()
    {
        using var root = new TempDirectory();
        Assert.Equal(Path.Combine(root.Path, "a", "b.txt"), ConfinedPath.Resolve(root.Path, "a/b.txt"));
    }

    [Fact]
    public void Resolve_ThroughSymlinkToOutside_IsRefused()
    {
        using var root = new TempDirectory();
        using var outside = new TempDirectory();
        File.WriteAllText(Path.Combine(outside.Path, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "link"), outside.Path);
        var e = Assert.Throws<CairnException>(() => ConfinedPath.Resolve(root.Path, "link/secret.txt"));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FileSymlink_IsRefused()
    {
        using var root = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(root.Path, "passwd"), "/etc/passwd");
        Assert.Throws<CairnException>(() => ConfinedPath.Resolve(root.Path, "passwd"));
    }
}

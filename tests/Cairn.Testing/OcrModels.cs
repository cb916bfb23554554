using Xunit;

namespace Cairn.Testing;

/// <summary>The PP-OCRv4 files fetched by scripts/fetch-ocr-models.sh (test.sh runs it): det.onnx, rec.onnx, ppocr_keys_v1.txt.</summary>
public static class OcrModels
{
    /// <summary>
    /// The folder holding them: <c>CAIRN_OCR_MODELS</c>, else <c>.native/ocr-models-1.4.2</c> above the test binaries.
    /// Missing outside CI is a skip; on CI it fails.
    /// </summary>
    public static string Directory()
    {
        var directory = Environment.GetEnvironmentVariable("CAIRN_OCR_MODELS");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); directory is null && dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".native", "ocr-models-1.4.2");
            directory = File.Exists(Path.Combine(candidate, "rec.onnx")) ? candidate : null;
        }

        if (directory is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "the OCR models are missing on CI: run scripts/fetch-ocr-models.sh");
            Assert.Skip("the OCR models are not fetched (scripts/fetch-ocr-models.sh)");
        }

        return directory;
    }
}

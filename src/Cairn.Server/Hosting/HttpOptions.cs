namespace Cairn.Server.Hosting;

/// <summary>HTTP limits and logging. Bound from <c>Cairn:Http</c>.</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cairn:Http";

    /// <summary>Largest request body accepted, in bytes (default 1 MiB); larger gets 413. Routes that stream files set their own.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Write one structured log line per request (default true).</summary>
    public bool AccessLog { get; set; } = true;
}

namespace Cairn.Guardrails.RedTeam;

/// <summary>How a red-team run reaches its target and what it sends. Defaults match <c>cairn redteam run</c>.</summary>
public sealed class RedTeamOptions
{
    /// <summary>The OpenAI-compatible base URL, e.g. <c>http://127.0.0.1:8000/v1</c>; requests go to <c>{Target}/chat/completions</c>.</summary>
    public required Uri Target { get; init; }

    /// <summary>The <c>model</c> field of each request. Default <c>gpt-4o-mini</c>.</summary>
    public string Model { get; init; } = "gpt-4o-mini";

    /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The user's own system prompt; the canary and secrets block is appended to it. Null: the built-in support assistant.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Categories to run. Default all three.</summary>
    public IReadOnlyList<string> Categories { get; init; } = RedTeamCategories.All;

    /// <summary>Requests in flight at once. Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Time allowed for one request, retries not included. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Run at most this many attacks (the first of the suite, after the category filter). Null: all.</summary>
    public int? Limit { get; init; }

    /// <summary>Seeds the canary, secrets and markers, for reproducible runs. Null: a random seed (recorded in the report).</summary>
    public int? Seed { get; init; }

    /// <summary>Retries after a 429, a 5xx or a connection failure. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Wait before the first retry; doubled for each next one, unless the target sends <c>Retry-After</c>. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The chat completions endpoint of a base URL, with or without a trailing slash; null unless the URL is absolute http or https.</summary>
    public static Uri? ChatCompletionsEndpoint(string? target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') + "/chat/completions" };
        return builder.Uri;
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cairn.Testing;

/// <summary>
/// A stand-in for a paid LLM provider, the one true external boundary of a red-team run: Kestrel on 127.0.0.1 (port 0)
/// serving <c>POST /v1/chat/completions</c> in OpenAI's wire format (a <c>chat.completion</c> object with <c>choices</c>
/// and <c>usage</c>, or an <c>error</c> object with a 4xx/5xx status). What it says comes from a rule given at start.
/// </summary>
public sealed class FakeChatTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _id;

    private FakeChatTarget(WebApplication app) => _app = app;

    /// <summary>The base URL to give as a target, ending in <c>/v1</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<FakeChatRequest> Requests => _requests.ToArray();

    /// <summary>The most requests that were being answered at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts a target that answers each request with <paramref name="answer"/>, after <paramref name="delay"/> (to make requests overlap).</summary>
    public static async Task<FakeChatTarget> StartAsync(Func<FakeChatRequest, FakeChatAnswer> answer, TimeSpan delay = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var target = new FakeChatTarget(app);
        app.MapPost("/v1/chat/completions", (HttpContext http) => target.HandleAsync(http, answer, delay));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        target.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http, Func<FakeChatRequest, FakeChatAnswer> answer, TimeSpan delay)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); now > seen && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen; seen = Volatile.Read(ref _maxInFlight))
        {
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var root = body.RootElement;
            var messages = root.GetProperty("messages").EnumerateArray().ToList();
            string Content(string role) => messages.LastOrDefault(m => m.GetProperty("role").GetString() == role) is { ValueKind: JsonValueKind.Object } m
                ? m.GetProperty("content").GetString() ?? "" : "";
            var user = Content("user");
            var request = new FakeChatRequest(
                root.GetProperty("model").GetString() ?? "", Content("system"), user,
                root.TryGetProperty("temperature", out var t) ? t.GetDouble() : null,
                http.Request.Headers.Authorization.FirstOrDefault(),
                _attempts.AddOrUpdate(user, 1, (_, n) => n + 1),
                http.Request.ContentLength);
            _requests.Enqueue(request);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            var result = answer(request);
            http.Response.StatusCode = result.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync((result.Status == 200 ? Completion(request, result.Content ?? "") : Error(result.Status)).ToJsonString());
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private JsonObject Completion(FakeChatRequest request, string content) => new()
    {
        ["id"] = "chatcmpl-fake" + Interlocked.Increment(ref _id),
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = request.Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = Words(request.System) + Words(request.User),
            ["completion_tokens"] = Words(content),
            ["total_tokens"] = Words(request.System) + Words(request.User) + Words(content),
        },
    };

    private static JsonObject Error(int status) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = status == 429 ? "Rate limit reached, retry later." : $"The server had an error ({status}).",
            ["type"] = status == 429 ? "rate_limit_exceeded" : "server_error",
            ["param"] = null,
            ["code"] = null,
        },
    };

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

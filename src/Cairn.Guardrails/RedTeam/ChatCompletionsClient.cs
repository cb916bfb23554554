using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cairn.Guardrails.RedTeam;

/// <summary>
/// Sends one system and one user message to an OpenAI-compatible <c>/chat/completions</c> endpoint at temperature 0
/// and reads <c>choices[0].message.content</c>. Retries a 429, a 5xx or a failed connection with backoff; a request
/// that still fails, times out or answers something unreadable is an error, never a verdict.
/// </summary>
public sealed class ChatCompletionsClient(HttpClient http, Uri endpoint, RedTeamOptions options, TimeProvider time)
{
    /// <summary>The reply's content, or why there is none.</summary>
    public async Task<(string? Reply, string? Error)> CompleteAsync(string system, string user, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["model"] = options.Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = system },
                new JsonObject { ["role"] = "user", ["content"] = user }),
            ["temperature"] = 0,
        }.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string error;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.Timeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };   // buffered: a Content-Length, not chunks, which some servers refuse
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                }

                using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Content(text);
                }

                error = $"HTTP {(int)response.StatusCode}: {Shorten(text)}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    return (null, error);
                }

                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return (null, $"no answer within {options.Timeout.TotalSeconds:0.#} s");
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                error = "connection failed: " + e.Message;
            }

            if (attempt >= options.MaxRetries)
            {
                return (null, attempt > 0 ? $"{error} (after {attempt + 1} attempts)" : error);
            }

            var backoff = options.RetryDelay * Math.Pow(2, attempt);
            await Task.Delay(retryAfter is { } wait && wait <= TimeSpan.FromSeconds(30) ? wait : backoff, time, ct).ConfigureAwait(false);
        }
    }

    private static (string? Reply, string? Error) Content(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content))
            {
                return content.ValueKind switch
                {
                    JsonValueKind.String => (content.GetString(), null),
                    JsonValueKind.Null => (string.Empty, null),   // e.g. a tool call or a filtered answer: nothing said
                    _ => (null, "choices[0].message.content is not a string"),
                };
            }

            return (null, "the answer has no choices[0].message.content: " + Shorten(json));
        }
        catch (JsonException)
        {
            return (null, "the answer is not JSON: " + Shorten(json));
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

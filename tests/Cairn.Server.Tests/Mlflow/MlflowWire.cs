using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>Sends bodies exactly as the MLflow Python client writes them and reads answers as raw JSON.</summary>
internal sealed class MlflowWire(HttpClient http, string prefix = "/api/2.0/mlflow")
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string json)
    {
        using var response = await http.PostAsync(prefix + path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await Parse(response));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> Get(string pathAndQuery)
    {
        // "-artifacts/…" addresses the artifact proxy beside the tracking API.
        using var response = await http.GetAsync(pathAndQuery.StartsWith("-artifacts", StringComparison.Ordinal) ? prefix + pathAndQuery : prefix + pathAndQuery);
        return (response.StatusCode, await Parse(response));
    }

    public async Task<JsonElement> Ok(Task<(HttpStatusCode Status, JsonElement Body)> call)
    {
        var (status, body) = await call;
        Assert.True(status == HttpStatusCode.OK, $"expected 200, got {(int)status}: {body}");
        return body;
    }

    /// <summary>Asserts MLflow's error envelope: the status, the code, and a message containing <paramref name="messagePart"/>.</summary>
    public static void Error((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string code, string? messagePart = null)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Body}");
        Assert.Equal(code, answer.Body.GetProperty("error_code").GetString());
        var message = answer.Body.GetProperty("message").GetString()!;
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, message, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> Parse(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

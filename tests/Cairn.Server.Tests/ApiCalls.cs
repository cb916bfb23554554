using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>Small helpers over raw HTTP, so tests see exactly what a client sees.</summary>
internal static class ApiCalls
{
    public static async Task<HttpResponseMessage> PostJson(this HttpClient http, string path, object body) =>
        await http.PostAsJsonAsync(path, body, CairnJson.Options);

    public static async Task<HttpResponseMessage> PutJson(this HttpClient http, string path, object body) =>
        await http.PutAsJsonAsync(path, body, CairnJson.Options);

    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, CairnJson.Options)!;
    }

    /// <summary>Asserts a problem+json answer with the status and a detail containing <paramref name="detailPart"/>.</summary>
    public static async Task<ProblemDto> Problem(this HttpResponseMessage response, HttpStatusCode status, string? detailPart = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ProblemDto>(text, CairnJson.Options)!;
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), $"problem without detail: {text}");
        if (detailPart is not null)
        {
            Assert.Contains(detailPart, problem.Detail, StringComparison.OrdinalIgnoreCase);
        }

        return problem;
    }
}

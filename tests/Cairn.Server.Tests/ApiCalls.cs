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

    /// <summary>
    /// Sends only the headers of a POST declaring <paramref name="length"/> bytes and returns the status line of the
    /// answer: a body over the limit must be refused (413) from its declared length, before it is read.
    /// </summary>
    public static async Task<string> DeclaredLengthStatusAsync(Uri baseUrl, string key, string path, long length)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
    }
}

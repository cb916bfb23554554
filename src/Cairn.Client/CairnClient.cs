using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cairn.Client.Contracts;

namespace Cairn.Client;

/// <summary>A typed client for Cairn's native API (<c>/api/v1</c>). Thread-safe; reuse one per server.</summary>
public sealed partial class CairnClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client for <paramref name="baseUrl"/> that sends <paramref name="apiKey"/> as a bearer token.</summary>
    public CairnClient(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseUrl;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("cairn-dotnet", "0.1"));
        _ownsHttp = true;
    }

    /// <summary>Wraps an <see cref="HttpClient"/> whose base address and credentials are already set.</summary>
    public CairnClient(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>Who the key belongs to and what it may do.</summary>
    public Task<MeDto> GetMeAsync(CancellationToken ct = default) => GetAsync<MeDto>("api/v1/me", ct);

    /// <summary>Projects the key can see.</summary>
    public Task<ProjectDto[]> ListProjectsAsync(CancellationToken ct = default) => GetAsync<ProjectDto[]>("api/v1/projects", ct);

    /// <summary>Creates a project (instance administrators only).</summary>
    public Task<ProjectDto> CreateProjectAsync(string name, string? description = null, CancellationToken ct = default) =>
        SendAsync<ProjectDto>(HttpMethod.Post, "api/v1/projects", new CreateProjectRequest(name, description), ct);

    /// <summary>Members of a project.</summary>
    public Task<MemberDto[]> ListMembersAsync(string project, CancellationToken ct = default) =>
        GetAsync<MemberDto[]>($"api/v1/projects/{Esc(project)}/members", ct);

    /// <summary>Grants or changes a role.</summary>
    public Task<MemberDto> SetMemberAsync(string project, string principal, string role, CancellationToken ct = default) =>
        SendAsync<MemberDto>(HttpMethod.Put, $"api/v1/projects/{Esc(project)}/members/{Esc(principal)}", new SetMemberRequest(role), ct);

    /// <summary>Removes a member and revokes their keys in the project.</summary>
    public Task RemoveMemberAsync(string project, string principal, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/projects/{Esc(project)}/members/{Esc(principal)}", null, ct);

    /// <summary>Keys of a project.</summary>
    public Task<KeyDto[]> ListKeysAsync(string project, CancellationToken ct = default) =>
        GetAsync<KeyDto[]>($"api/v1/projects/{Esc(project)}/keys", ct);

    /// <summary>Creates a key; the answer carries the secret, which is never shown again.</summary>
    public Task<CreatedKeyDto> CreateKeyAsync(string project, CreateKeyRequest request, CancellationToken ct = default) =>
        SendAsync<CreatedKeyDto>(HttpMethod.Post, $"api/v1/projects/{Esc(project)}/keys", request, ct);

    /// <summary>Revokes a key.</summary>
    public Task RevokeKeyAsync(string project, long id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/v1/projects/{Esc(project)}/keys/{id.ToString(CultureInfo.InvariantCulture)}", null, ct);

    /// <summary>Audit events, newest first.</summary>
    public Task<AuditEventDto[]> ListAuditEventsAsync(AuditFilter? filter = null, CancellationToken ct = default)
    {
        var f = filter ?? new AuditFilter();
        var query = new List<string> { "limit=" + f.Limit.ToString(CultureInfo.InvariantCulture) };
        AddQuery(query, "project", f.Project);
        AddQuery(query, "actor", f.Actor);
        AddQuery(query, "action", f.Action);
        AddQuery(query, "outcome", f.Outcome);
        AddQuery(query, "before", f.Before?.ToString(CultureInfo.InvariantCulture));
        return GetAsync<AuditEventDto[]>("api/v1/audit/events?" + string.Join('&', query), ct);
    }

    /// <summary>Walks the audit hash chain on the server and reports the first broken link.</summary>
    public Task<AuditVerificationDto> VerifyAuditAsync(CancellationToken ct = default) => GetAsync<AuditVerificationDto>("api/v1/audit/verify", ct);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    /// <summary>The error answer: a problem document, or the inference protocols' <c>{"error": "…"}</c>.</summary>
    private static async Task<CairnApiException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ProblemDto? problem = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), default, ct).ConfigureAwait(false);
            problem = body.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? new ProblemDto((int)response.StatusCode, null, error.GetString(), null)
                : body.RootElement.Deserialize<ProblemDto>(CairnJson.Options);
        }
        catch (JsonException)
        {
            // not JSON; the status says enough
        }

        return new CairnApiException(response.StatusCode, problem);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: CairnJson.Options);
        }

        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, ct).ConfigureAwait(false);
        }

        if (typeof(T) == typeof(Stream))
        {
            var copy = new MemoryStream();
            await response.Content.CopyToAsync(copy, ct).ConfigureAwait(false);
            copy.Position = 0;
            return (T)(object)copy;
        }

        if (response.StatusCode == System.Net.HttpStatusCode.NoContent || typeof(T) == typeof(object))
        {
            return default!;
        }

        return (await response.Content.ReadFromJsonAsync<T>(CairnJson.Options, ct).ConfigureAwait(false))!;
    }
}

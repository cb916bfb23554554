namespace Cairn.Server.Auth;

/// <summary>Names shared by authentication, authorization and the UI.</summary>
public static class CairnAuth
{
    /// <summary>The single authentication scheme: API key (bearer or basic) or UI session cookie.</summary>
    public const string Scheme = "cairn";

    /// <summary>The UI session cookie.</summary>
    public const string SessionCookie = "cairn_session";

    /// <summary>Path prefixes that are APIs: they answer 401, never a redirect to the sign-in page.</summary>
    public static readonly string[] ApiPrefixes = ["/api/", "/ajax-api/", "/v1/", "/v2/", "/serve/", "/metrics"];

    /// <summary>Whether a request is for an API rather than a UI page.</summary>
    public static bool IsApiRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? string.Empty;
        return ApiPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}

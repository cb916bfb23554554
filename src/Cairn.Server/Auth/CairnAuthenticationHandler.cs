using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Cairn.Core.Access;
using Cairn.Governance.Access;
using Cairn.Governance.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>, HTTP basic with the key as password (what the
/// MLflow client sends), or the UI session cookie. API requests without a credential get 401;
/// browser page requests are redirected to the sign-in page.
/// </summary>
public sealed class CairnAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CallerResolver resolver,
    SessionService sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        Caller? caller;
        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            var secret = ReadSecret(header, out var problem);
            if (secret is null)
            {
                return AuthenticateResult.Fail(problem!);
            }

            caller = await resolver.ResolveAsync(secret, Context.RequestAborted).ConfigureAwait(false);
        }
        else if (Request.Cookies.TryGetValue(CairnAuth.SessionCookie, out var token))
        {
            caller = await sessions.ResolveAsync(token, Context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        if (caller is null)
        {
            return AuthenticateResult.Fail("the key is unknown, revoked or expired");
        }

        Context.SetCaller(caller);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, caller.Principal),
                new Claim("cairn:project", caller.Project),
                new Claim("cairn:key", caller.KeyPrefix),
            ],
            CairnAuth.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), CairnAuth.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!CairnAuth.IsApiRequest(Request))
        {
            var back = Request.PathBase + Request.Path + Request.QueryString;
            Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(back));
            return;
        }

        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var detail = result.Failure?.Message
            ?? "a credential is required: send 'Authorization: Bearer <api key>' or HTTP basic auth with the key as password";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"cairn\", Basic realm=\"cairn\"";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail).ConfigureAwait(false);
    }

    private static string? ReadSecret(string header, out string? problem)
    {
        problem = null;
        if (IsScheme(header, "Bearer"))
        {
            var bearer = header[6..].Trim();
            problem = bearer.Length == 0 ? "the bearer token is empty" : null;
            return bearer.Length == 0 ? null : bearer;
        }

        if (IsScheme(header, "Basic"))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[5..].Trim()));
            }
            catch (FormatException)
            {
                problem = "the basic credentials are not valid base64";
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var password = colon < 0 ? string.Empty : decoded[(colon + 1)..];
            problem = password.Length == 0 ? "HTTP basic auth must carry the API key as the password" : null;
            return password.Length == 0 ? null : password;
        }

        problem = "unsupported Authorization scheme: use 'Bearer <api key>' or HTTP basic with the key as password";
        return null;
    }

    private static bool IsScheme(string header, string scheme) =>
        header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && (header.Length == scheme.Length || header[scheme.Length] == ' ');
}

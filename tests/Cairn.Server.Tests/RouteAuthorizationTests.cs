using System.Net;
using System.Text.RegularExpressions;
using Cairn.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>Walks the route table: every route needs a credential unless it is on the explicit allowlist.</summary>
public sealed partial class RouteAuthorizationTests : IAsyncLifetime
{
    /// <summary>The whole anonymous surface: health, readiness, the sign-in page and its stylesheet.</summary>
    private static readonly string[] AnonymousAllowlist = ["/healthz", "/readyz", "/signin", "/ui/cairn.css", "/v2/health/live", "/v2/health/ready"];

    private CairnTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await CairnTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private List<RouteEndpoint> Endpoints() =>
        ((IEndpointRouteBuilder)_host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

    [Fact]
    public void RouteTable_EveryRoute_DeclaresAuthorizationOrIsAllowlisted()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 10, $"only {endpoints.Count} endpoints found");
        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(AnonymousAllowlist.Order(StringComparer.Ordinal), unprotected);
    }

    [Fact]
    public async Task EveryProtectedRoute_WithoutCredential_IsRefused()
    {
        using var http = _host.Client();
        var checkedRoutes = 0;
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var path = RouteParameter().Replace("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), "1");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                using var response = await http.SendAsync(request);
                Assert.True(
                    response.StatusCode == HttpStatusCode.Unauthorized,
                    $"{method} {path} answered {(int)response.StatusCode} without a credential");
                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes > 10);
    }

    [Fact]
    public async Task UiPage_WithoutSession_RedirectsBrowserToSignIn()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit?actor=x");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Faudit%3Factor%3Dx", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnknownRoute_WithoutCredential_Is401NotA404()
    {
        using var http = _host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/no-such-thing")).StatusCode);
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();
}

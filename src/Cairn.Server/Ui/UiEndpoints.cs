using System.Reflection;
using Cairn.Core.Access;
using Cairn.Governance.Access;

namespace Cairn.Server.Ui;

/// <summary>Maps the server-rendered UI and its embedded stylesheet. Pages need a session; the sign-in page and the stylesheet do not.</summary>
public static class UiEndpoints
{
    private static readonly Lazy<byte[]> Stylesheet = new(() => ReadAsset("cairn.css"));
    private static readonly Lazy<byte[]> Charts = new(() => ReadAsset("charts.js"));
    private static readonly Lazy<byte[]> ECharts = new(() => ReadAsset("echarts.min.js"));

    public static IEndpointRouteBuilder MapUiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/cairn.css", () => TypedResults.Bytes(Stylesheet.Value, "text/css; charset=utf-8"))
            .WithName("UiStylesheet").WithTags("UI").AllowAnonymous();
        app.MapGet("/ui/charts.js", () => TypedResults.Bytes(Charts.Value, "text/javascript; charset=utf-8"))
            .WithName("UiCharts").WithTags("UI").RequireScope(Scope.Read);
        app.MapGet("/ui/echarts.min.js", () => TypedResults.Bytes(ECharts.Value, "text/javascript; charset=utf-8"))
            .WithName("UiECharts").WithTags("UI").RequireScope(Scope.Read);
        app.MapRazorComponents<App>().RequireAuthorization();
        return app;
    }

    private static byte[] ReadAsset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Cairn.Server.Ui.Assets." + name)
            ?? throw new InvalidOperationException($"UI asset {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Cairn.Client;

namespace Cairn.Cli;

/// <summary>What every client command shares: where the server is, which key to send, how to print, and how errors become exit codes.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public static readonly Option<string?> UrlOption = new("--url") { Description = "Server URL (default: saved login, $CAIRN_URL, or http://127.0.0.1:5000)", Recursive = true };
    public static readonly Option<string?> KeyOption = new("--key") { Description = "API key (default: $CAIRN_KEY or the saved login)", Recursive = true };
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print JSON for scripts instead of tables", Recursive = true };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public static string ResolveUrl(ParseResult parse) =>
        parse.GetValue(UrlOption) ?? Environment.GetEnvironmentVariable("CAIRN_URL") ?? CliConfig.Load().Url ?? "http://127.0.0.1:5000";

    public static string? ResolveKey(ParseResult parse) =>
        parse.GetValue(KeyOption) ?? Environment.GetEnvironmentVariable("CAIRN_KEY") ?? CliConfig.Load().Key;

    /// <summary>Runs a client action; maps failures to exit codes with a one-line explanation.</summary>
    public async Task<int> WithClientAsync(ParseResult parse, Func<CairnClient, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        var key = ResolveKey(parse);
        if (string.IsNullOrWhiteSpace(key))
        {
            await Error.WriteLineAsync("cairn: no API key: pass --key, set CAIRN_KEY, or run 'cairn login'").ConfigureAwait(false);
            return ExitCodes.Unauthorized;
        }

        var url = ResolveUrl(parse);
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl))
        {
            await Error.WriteLineAsync($"cairn: '{url}' is not a valid URL").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var client = new CairnClient(baseUrl, key);
        try
        {
            return await action(client).ConfigureAwait(false);
        }
        catch (CairnApiException e)
        {
            await Error.WriteLineAsync($"cairn: {(int)e.Status} {e.Message}").ConfigureAwait(false);
            return e.Status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unauthorized,
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                _ => ExitCodes.Failed,
            };
        }
        catch (HttpRequestException e)
        {
            await Error.WriteLineAsync($"cairn: cannot reach {url}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>Prints a value as JSON or, for people, as a table.</summary>
    public int Print<T>(ParseResult parse, T value, IReadOnlyList<string> headers, Func<T, IEnumerable<IReadOnlyList<string?>>> rows)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(rows);
        if (parse.GetValue(JsonOption))
        {
            Output.WriteLine(JsonSerializer.Serialize(value, CairnJson.Options));
        }
        else
        {
            TableWriter.Write(Output, headers, rows(value));
        }

        return ExitCodes.Ok;
    }

    public static string Time(long? ms) => ms is { } v
        ? DateTimeOffset.FromUnixTimeMilliseconds(v).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "-";
}

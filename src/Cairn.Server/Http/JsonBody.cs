using System.Text.Json;
using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.Http;

/// <summary>Request bodies read by hand (routes whose JSON is not bound to a record): parsing and size limits.</summary>
public static class JsonBody
{
    /// <summary>The body as a JSON document; malformed JSON is a 400 naming <c>body</c> and the parser's complaint.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpContext http, int maxDepth, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = maxDepth }, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw CairnException.Invalid("body", "is not valid JSON: " + e.Message);
        }
    }

    /// <summary>Allows this request a body of up to <paramref name="maxBytes"/> (413 beyond), refusing a larger declared length before reading.</summary>
    public static void Limit(HttpContext http, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        if (http.Request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        }
    }
}

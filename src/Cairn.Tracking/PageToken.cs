using System.Globalization;
using System.Text;
using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Tracking;

/// <summary>MLflow's page tokens: base64 of <c>{"offset": N}</c>, byte for byte as MLflow writes them.</summary>
public static class PageToken
{
    public static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"offset\": " + offset.ToString(CultureInfo.InvariantCulture) + "}"));

    /// <summary>The offset of a token; absent or empty means 0; anything else malformed is a 400.</summary>
    public static int Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            throw CairnException.Invalid("page_token", "Invalid page token, could not base64-decode");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("offset", out var offset))
            {
                var value = offset.ValueKind == JsonValueKind.String && int.TryParse(offset.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
                    : offset.ValueKind == JsonValueKind.Number && offset.TryGetInt32(out var n) ? n
                    : -1;
                if (value > 0)
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
        }

        throw CairnException.Invalid("page_token", "Invalid page token: it was not issued by this server");
    }
}

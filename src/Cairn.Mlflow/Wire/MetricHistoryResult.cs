using System.Text.Json;
using Cairn.Core.Tracking;
using Microsoft.AspNetCore.Http;

namespace Cairn.Mlflow.Wire;

/// <summary>
/// Writes a metric history straight to the response as MLflow's JSON (<c>{"metrics": [...], "next_page_token"}</c>),
/// without building an object per point: long histories are the common case for charts.
/// </summary>
internal sealed class MetricHistoryResult(IReadOnlyList<MetricPoint> points, string? nextPageToken) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { Encoder = MlflowJson.Options.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        if (points.Count > 0)
        {
            writer.WriteStartArray("metrics");
            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                writer.WriteStartObject();
                writer.WriteString("key", p.Key);
                WriteDouble(writer, p.Value);
                writer.WriteNumber("timestamp", p.Timestamp);
                writer.WriteNumber("step", p.Step);
                writer.WriteEndObject();
                if (writer.BytesPending > 1 << 16)
                {
                    await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
        }

        if (nextPageToken is not null)
        {
            writer.WriteString("next_page_token", nextPageToken);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber("value", value);
        }
        else
        {
            writer.WriteString("value", double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Serving;

/// <summary>
/// CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with a header row, turned into MLflow's
/// <c>dataframe_split</c>: numbers become JSON numbers, everything else strings, as <c>pandas.read_csv</c> infers.
/// </summary>
public static class CsvFrame
{
    public static JsonDocument ToDataframeSplit(ReadOnlySpan<byte> csv)
    {
        var rows = Core.Text.Csv.Parse(Encoding.UTF8.GetString(csv));
        if (rows.Count == 0)
        {
            throw CairnException.Invalid("body", "the CSV is empty; its first row names the columns");
        }

        var header = rows[0];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("dataframe_split");
            json.WriteStartArray("columns");
            foreach (var column in header)
            {
                json.WriteStringValue(column);
            }

            json.WriteEndArray();
            json.WriteStartArray("data");
            for (var r = 1; r < rows.Count; r++)
            {
                if (rows[r].Count != header.Count)
                {
                    throw CairnException.Invalid("body", $"CSV line {r + 1} has {rows[r].Count} fields; the header has {header.Count}");
                }

                json.WriteStartArray();
                foreach (var field in rows[r])
                {
                    if (long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
                    {
                        json.WriteNumberValue(integer);
                    }
                    else if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                    {
                        json.WriteNumberValue(number);
                    }
                    else
                    {
                        json.WriteStringValue(field);
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }
}

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
        var rows = Parse(Encoding.UTF8.GetString(csv));
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

    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                if (row.Count > 1 || row[0].Length > 0)
                {
                    rows.Add(row);
                }

                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw CairnException.Invalid("body", "the CSV ends inside a quoted field");
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}

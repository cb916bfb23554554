using System.Globalization;
using System.Text;
using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Core.Text;

namespace Cairn.Evaluation.Datasets;

/// <summary>
/// The rows of an evaluation dataset: named columns of cells held as text (numbers in their invariant form,
/// null for a missing value). Parsed from CSV with a header row, or from JSON lines of flat objects.
/// </summary>
public sealed class DatasetTable
{
    public const int MaxRows = 1_000_000;
    public const int MaxColumns = 1_000;

    private readonly Dictionary<string, int> _index;

    private DatasetTable(string[] columns, string?[][] rows)
    {
        Columns = columns;
        Rows = rows;
        _index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    }

    public string[] Columns { get; }

    public string?[][] Rows { get; }

    public int Count => Rows.Length;

    /// <summary>Parses <paramref name="bytes"/> as <paramref name="format"/> (<c>csv</c> or <c>jsonl</c>).</summary>
    public static DatasetTable Parse(ReadOnlySpan<byte> bytes, string format)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw CairnException.Invalid("file", "is not UTF-8 text");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var table = format switch
        {
            "csv" => FromCsv(text),
            "jsonl" => FromJsonLines(text),
            _ => throw CairnException.Invalid("format", $"'{format}' is not one of csv, jsonl"),
        };
        if (table.Count == 0)
        {
            throw CairnException.Invalid("file", "has no rows");
        }

        if (table.Count > MaxRows)
        {
            throw CairnException.Invalid("file", $"has {table.Count:N0} rows; at most {MaxRows:N0} are accepted");
        }

        return table;
    }

    /// <summary>The index of a column; a 400 naming <paramref name="field"/> when there is no such column.</summary>
    public int Column(string name, string field)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out var i)
            ? i
            : throw CairnException.Invalid(field, $"the dataset has no column '{name}'; its columns are: {string.Join(", ", Columns)}");
    }

    /// <summary>The cells of a column; a missing cell is a 400 naming the row.</summary>
    public string[] Values(string name, string field)
    {
        var c = Column(name, field);
        var values = new string[Rows.Length];
        for (var r = 0; r < Rows.Length; r++)
        {
            values[r] = Rows[r][c] ?? throw CairnException.Invalid(field, $"column '{name}' has no value in row {r + 1}");
        }

        return values;
    }

    /// <summary>Whether every cell of the column is a finite number.</summary>
    public bool IsNumeric(string name, string field)
    {
        var c = Column(name, field);
        return Rows.All(r => r[c] is { } v && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d));
    }

    /// <summary>A column as numbers; a 400 naming the row when a cell is not a finite number.</summary>
    public double[] Numbers(string name, string field)
    {
        var values = Values(name, field);
        var numbers = new double[values.Length];
        for (var r = 0; r < values.Length; r++)
        {
            if (!double.TryParse(values[r], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]) || !double.IsFinite(numbers[r]))
            {
                throw CairnException.Invalid(field, $"column '{name}' row {r + 1}: '{values[r]}' is not a finite number");
            }
        }

        return numbers;
    }

    private static DatasetTable FromCsv(string text)
    {
        var rows = Csv.Parse(text, "file");
        if (rows.Count == 0)
        {
            throw CairnException.Invalid("file", "is empty; a CSV dataset needs a header row");
        }

        var header = rows[0].ToArray();
        CheckColumns(header);
        var body = new string?[rows.Count - 1][];
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].Count != header.Length)
            {
                throw CairnException.Invalid("file", $"line {r + 1} has {rows[r].Count} fields but the header has {header.Length}");
            }

            body[r - 1] = rows[r].Select(v => v.Length == 0 ? null : v).ToArray();
        }

        return new DatasetTable(header, body);
    }

    private static DatasetTable FromJsonLines(string text)
    {
        var columns = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = new List<Dictionary<int, string?>>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonElement o;
            try
            {
                o = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                throw CairnException.Invalid("file", $"line {lineNumber} is not valid JSON: {e.Message}");
            }

            if (o.ValueKind != JsonValueKind.Object)
            {
                throw CairnException.Invalid("file", $"line {lineNumber} is not a JSON object");
            }

            var record = new Dictionary<int, string?>();
            foreach (var p in o.EnumerateObject())
            {
                if (!index.TryGetValue(p.Name, out var c))
                {
                    index[p.Name] = c = columns.Count;
                    columns.Add(p.Name);
                }

                record[c] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => throw CairnException.Invalid("file", $"line {lineNumber}, field '{p.Name}': values must be strings, numbers, booleans or null"),
                };
            }

            records.Add(record);
        }

        CheckColumns(columns);
        var rows = records.Select(r => Enumerable.Range(0, columns.Count).Select(c => r.GetValueOrDefault(c)).ToArray()).ToArray();
        return new DatasetTable([.. columns], rows);
    }

    private static void CheckColumns(IReadOnlyList<string> columns)
    {
        if (columns.Count > MaxColumns)
        {
            throw CairnException.Invalid("file", $"has {columns.Count} columns; at most {MaxColumns} are accepted");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c.Contains('\0', StringComparison.Ordinal))
            {
                throw CairnException.Invalid("file", "a column name holds the NUL character");
            }

            if (c.Length == 0 || !seen.Add(c))
            {
                throw CairnException.Invalid("file", c.Length == 0 ? "a column has an empty name" : $"column '{c}' appears twice");
            }
        }
    }
}

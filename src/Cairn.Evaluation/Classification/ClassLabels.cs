using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Evaluation.Classification;

/// <summary>
/// Class labels as scikit-learn orders them (<c>np.unique</c>): numbers numerically, strings by code point.
/// Labels arrive as text; <see cref="Numeric"/> says whether they were numbers (then <c>1</c> and <c>1.0</c> are one class).
/// </summary>
public sealed class ClassLabels
{
    private readonly Dictionary<string, int> _index;

    private ClassLabels(string[] classes, bool numeric)
    {
        Classes = classes;
        Numeric = numeric;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
        {
            _index[Key(classes[i])] = i;
        }
    }

    /// <summary>The sorted distinct classes.</summary>
    public string[] Classes { get; }

    public bool Numeric { get; }

    public int Count => Classes.Length;

    /// <summary>The sorted union of the labels in all <paramref name="columns"/>.</summary>
    public static ClassLabels Of(bool numeric, params IReadOnlyList<string>[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var distinct = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var col in columns)
        {
            foreach (var v in col)
            {
                distinct.TryAdd(numeric ? NumericKey(v) : v, v);
            }
        }

        var classes = distinct.Values.ToArray();
        if (numeric)
        {
            Array.Sort(classes, (a, b) => Parse(a).CompareTo(Parse(b)));
        }
        else
        {
            Array.Sort(classes, ComparePython);
        }

        return new ClassLabels(classes, numeric);
    }

    /// <summary>The index of each label.</summary>
    public int[] Encode(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var ids = new int[labels.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = IndexOf(labels[i]);
        }

        return ids;
    }

    /// <summary>The index of a label, or -1.</summary>
    public int IndexOf(string label) => _index.TryGetValue(Key(label), out var i) ? i : -1;

    private string Key(string label) => Numeric ? NumericKey(label) : label;

    private static string NumericKey(string v) => Parse(v).ToString("R", CultureInfo.InvariantCulture);

    private static double Parse(string v) => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);

    // Python compares strings by code point; UTF-16 ordinal order differs only above the surrogates.
    private static int ComparePython(string? a, string? b)
    {
        var x = Text.PyText.CodePoints(a ?? "");
        var y = Text.PyText.CodePoints(b ?? "");
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>Checks that two label columns have the same length and are not empty.</summary>
    public static void CheckPaired(int labels, int other, string otherField)
    {
        if (labels == 0)
        {
            throw CairnException.Invalid("labels", "is empty; give at least one label");
        }

        if (labels != other)
        {
            throw CairnException.Invalid(otherField, $"has {other} entries for {labels} labels; they must be the same length");
        }
    }
}

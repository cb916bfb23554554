namespace Cairn.Storage.Rows;

/// <summary>A param, tag or latest-metric row of some run, for loading a page of runs at once.</summary>
internal sealed class RunValueRow
{
    public string RunId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public double Number { get; set; }
    public long IsNan { get; set; }
    public long Step { get; set; }
    public long Timestamp { get; set; }
}

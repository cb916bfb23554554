namespace Cairn.Core.Tracking;

/// <summary>A param or tag.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
public sealed record KeyValue(string Key, string Value);

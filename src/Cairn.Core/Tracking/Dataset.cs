namespace Cairn.Core.Tracking;

/// <summary>A dataset a run consumed, as MLflow describes it.</summary>
/// <param name="Name">Name.</param>
/// <param name="Digest">Content digest (at most 36 characters in MLflow).</param>
/// <param name="SourceType">e.g. <c>local</c>, <c>http</c>, <c>code</c>.</param>
/// <param name="Source">Where it came from (JSON text).</param>
/// <param name="Schema">Its schema (JSON text), possibly empty.</param>
/// <param name="Profile">Its profile (JSON text), possibly empty.</param>
public sealed record Dataset(string Name, string Digest, string SourceType, string Source, string Schema, string Profile);

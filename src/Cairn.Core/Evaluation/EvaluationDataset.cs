namespace Cairn.Core.Evaluation;

/// <summary>One version of a project's evaluation dataset: immutable bytes (a content-addressed blob) and what they hold.</summary>
/// <param name="Name">Unique in the project, across versions.</param>
/// <param name="Version">1, 2, …: a new version each time different content is uploaded under the name.</param>
/// <param name="Digest">SHA-256 of the file's bytes; names the blob.</param>
/// <param name="Format"><c>csv</c> or <c>jsonl</c>.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Column names, in file order.</param>
/// <param name="SizeBytes">Size of the file.</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedBy">Principal.</param>
/// <param name="CreatedAt">Unix milliseconds.</param>
public sealed record EvaluationDataset(
    string Name, long Version, string Digest, string Format, long Rows, IReadOnlyList<string> Columns, long SizeBytes, string Description, string CreatedBy, long CreatedAt);
